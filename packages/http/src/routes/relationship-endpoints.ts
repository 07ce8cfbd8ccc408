import { parseTag, type RelationshipEndpoint, type StoreTransaction } from '@conduct/core';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import { type ToolIdDto, toolRefOf } from '../dto/tool.js';
import { ensureTagsExist, ensureToolsKnown, unprocessable } from './checks.js';

/** One side of a relationship as the wire gives it. */
export interface WireSide {
  guideline?: string | null | undefined;
  tag?: string | null | undefined;
  tool?: ToolIdDto | null | undefined;
}

/**
 * The endpoint a wire tag id names. `journey:<id>` is how the wire refers to a journey (it has
 * no journey field), so it becomes a journey endpoint; any other tag stays a tag.
 */
export function endpointOfTag(tagId: string): RelationshipEndpoint {
  const tag = parseTag(tagId);
  return tag?.kind === 'journey'
    ? { type: 'journey', id: tag.journeyId }
    : { type: 'tag', id: tagId };
}

/** The endpoint of one side; 422 unless exactly one of guideline, tag and tool is given. */
export function endpointOfSide(side: WireSide, name: 'source' | 'target'): RelationshipEndpoint {
  const given = [side.guideline, side.tag, side.tool].filter((value) => value != null);
  if (given.length !== 1) {
    throw unprocessable(
      null,
      given.length === 0
        ? `A relationship needs a ${name}: give ${name}_guideline, ${name}_tag or ${name}_tool`
        : `A relationship cannot have more than one ${name} (${name}_guideline, ${name}_tag, ${name}_tool)`,
    );
  }
  if (side.guideline != null) return { type: 'guideline', id: side.guideline };
  if (side.tag != null) return endpointOfTag(side.tag);
  return { type: 'tool', id: toolRefOf(side.tool as ToolIdDto) };
}

/**
 * Rejects with 404 when the guideline, tag, journey or tool an endpoint names is unknown (read
 * in `store`: the write's transaction).
 */
export async function ensureEndpointExists(
  c: Context<AppEnv>,
  store: StoreTransaction,
  endpoint: RelationshipEndpoint,
): Promise<void> {
  switch (endpoint.type) {
    case 'guideline':
      await store.guidelines.get(endpoint.id);
      return;
    case 'journey':
      await store.journeys.get(endpoint.id);
      return;
    case 'tag':
      await ensureTagsExist(store, [endpoint.id]);
      return;
    case 'tool':
      ensureToolsKnown(c, [endpoint.id]);
      return;
  }
}
