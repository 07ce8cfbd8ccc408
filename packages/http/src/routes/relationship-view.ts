import { journeyTag, parseTag, type Relationship, type RelationshipEndpoint } from '@conduct/core';
import type { Context } from 'hono';
import { type AppEnv, services } from '../app-env.js';
import { guidelineDto } from '../dto/guideline.js';
import {
  type RelationshipDto,
  type RelationshipSideDto,
  relationshipDto,
} from '../dto/relationship.js';
import { tagDto } from '../dto/tag.js';
import { toolDto } from '../dto/tool.js';
import { toolRegistryOf } from './checks.js';
import { relationshipsInvolving } from './relationship-graph.js';

/**
 * Maps relationships to the wire, each side nested as a GuidelineDTO, TagDTO or ToolDTO
 * (docs/compatibility.md#relationships-and-capabilities). A side whose entity no longer exists is
 * left `null`.
 */
export async function relationshipDtos(
  c: Context<AppEnv>,
  relationships: readonly Relationship[],
): Promise<RelationshipDto[]> {
  const { store } = services(c);
  const registry = toolRegistryOf(c);
  const cache = new Map<string, Promise<RelationshipSideDto>>();

  const resolve = async (
    endpoint: RelationshipEndpoint,
    createdAt: string,
  ): Promise<RelationshipSideDto> => {
    switch (endpoint.type) {
      case 'guideline': {
        const guideline = await store.guidelines.find(endpoint.id);
        return guideline === undefined ? {} : { guideline: guidelineDto(guideline) };
      }
      case 'journey': {
        const journey = await store.journeys.find(endpoint.id);
        return journey === undefined
          ? {}
          : { tag: { id: journeyTag(journey.id), name: journey.title } };
      }
      case 'tag': {
        const tag = await store.tags.find(endpoint.id);
        if (tag !== undefined) return { tag: tagDto(tag) };
        const named = parseTag(endpoint.id);
        const agent = named?.kind === 'agent' ? await store.agents.find(named.agentId) : undefined;
        return { tag: { id: endpoint.id, name: agent?.name ?? endpoint.id } };
      }
      case 'tool':
        return {
          tool: toolDto(endpoint.id, registry?.get(endpoint.id)?.descriptor(createdAt), createdAt),
        };
    }
  };
  const side = (endpoint: RelationshipEndpoint, createdAt: string) => {
    const key = `${endpoint.type}|${endpoint.id}`;
    let found = cache.get(key);
    if (found === undefined) {
      found = resolve(endpoint, createdAt);
      cache.set(key, found);
    }
    return found;
  };

  return Promise.all(
    relationships.map(async (relationship) =>
      relationshipDto(
        relationship,
        await side(relationship.source, relationship.createdAt),
        await side(relationship.target, relationship.createdAt),
      ),
    ),
  );
}

/** The wire relationships of one entity, indirect ones included (guideline reads). */
export async function relationshipDtosOf(
  c: Context<AppEnv>,
  endpoint: RelationshipEndpoint,
): Promise<RelationshipDto[]> {
  const all = await services(c).store.relationships.list();
  return relationshipDtos(c, relationshipsInvolving(all, endpoint, true));
}
