import {
  type Agent,
  type AgentInput,
  type AgentPatch,
  type AgentStore,
  agentInputSchema,
  agentPatchSchema,
  type CannedResponse,
  type CannedResponseInput,
  type CannedResponsePatch,
  type CannedResponseStore,
  type Capability,
  type CapabilityInput,
  type CapabilityPatch,
  type CapabilityStore,
  cannedResponseInputSchema,
  cannedResponsePatchSchema,
  capabilityInputSchema,
  capabilityPatchSchema,
  type Guideline,
  type GuidelineFilter,
  type GuidelineInput,
  type GuidelinePatch,
  type GuidelineStore,
  guidelineInputSchema,
  guidelinePatchSchema,
  type Journey,
  type JourneyInput,
  type JourneyPatch,
  type JourneyStore,
  journeyInputSchema,
  journeyPatchSchema,
  type Relationship,
  type RelationshipFilter,
  type RelationshipInput,
  type RelationshipStore,
  relationshipInputSchema,
  type Tag,
  type TagFilter,
  type TagInput,
  type TagPatch,
  type TagStore,
  type Term,
  type TermInput,
  type TermPatch,
  type TermStore,
  tagInputSchema,
  tagPatchSchema,
  termInputSchema,
  termPatchSchema,
} from '@conduct/core';
import type { SqlExecutor } from '../driver/sql-driver.js';
import { SqlCollection } from './sql-collection.js';
import { tagWhere } from './tag-filter.js';

/** The plain behavior-model stores: no extras beyond CRUD and their filters. */
export interface BehaviorStores {
  agents: AgentStore;
  guidelines: GuidelineStore;
  relationships: RelationshipStore;
  tags: TagStore;
  journeys: JourneyStore;
  terms: TermStore;
  cannedResponses: CannedResponseStore;
  capabilities: CapabilityStore;
}

/** Creates the plain behavior-model stores; each write bumps the behavior revision. */
export function createBehaviorStores(db: SqlExecutor): BehaviorStores {
  const behavior = true;
  return {
    agents: new SqlCollection<Agent, AgentInput, AgentPatch>(db, {
      table: 'conduct_agents',
      entity: 'agent',
      inputSchema: agentInputSchema,
      patchSchema: agentPatchSchema,
      behavior,
    }),
    guidelines: new SqlCollection<Guideline, GuidelineInput, GuidelinePatch, GuidelineFilter>(db, {
      table: 'conduct_guidelines',
      entity: 'guideline',
      embedded: true,
      inputSchema: guidelineInputSchema,
      patchSchema: guidelinePatchSchema,
      behavior,
      where: (filter, params) => [
        ...tagWhere(filter, params),
        ...(filter?.enabled === undefined
          ? []
          : [`(data->>'enabled')::boolean = ${params.add(filter.enabled)}`]),
      ],
    }),
    relationships: new SqlCollection<Relationship, RelationshipInput, never, RelationshipFilter>(
      db,
      {
        table: 'conduct_relationships',
        entity: 'relationship',
        inputSchema: relationshipInputSchema,
        patchSchema: relationshipInputSchema,
        behavior,
        where: (filter, params) => {
          const conditions: string[] = [];
          if (filter?.kind !== undefined)
            conditions.push(`data->>'kind' = ${params.add(filter.kind)}`);
          if (filter?.endpoint !== undefined) {
            const { type, id } = filter.endpoint;
            const endpoint = params.json({ type, id });
            conditions.push(`(data->'source' @> ${endpoint} OR data->'target' @> ${endpoint})`);
          }
          return conditions;
        },
      },
    ),
    tags: new SqlCollection<Tag, TagInput, TagPatch, { name?: string }>(db, {
      table: 'conduct_tags',
      entity: 'tag',
      inputSchema: tagInputSchema,
      patchSchema: tagPatchSchema,
      behavior,
      where: (filter, params) =>
        filter?.name === undefined ? [] : [`data->>'name' = ${params.add(filter.name)}`],
    }),
    journeys: new SqlCollection<Journey, JourneyInput, JourneyPatch, TagFilter>(db, {
      table: 'conduct_journeys',
      entity: 'journey',
      inputSchema: journeyInputSchema,
      patchSchema: journeyPatchSchema,
      behavior,
      where: tagWhere,
    }),
    terms: new SqlCollection<Term, TermInput, TermPatch, TagFilter>(db, {
      table: 'conduct_terms',
      entity: 'term',
      inputSchema: termInputSchema,
      patchSchema: termPatchSchema,
      behavior,
      where: tagWhere,
    }),
    cannedResponses: new SqlCollection<
      CannedResponse,
      CannedResponseInput,
      CannedResponsePatch,
      TagFilter
    >(db, {
      table: 'conduct_canned_responses',
      entity: 'canned response',
      inputSchema: cannedResponseInputSchema,
      patchSchema: cannedResponsePatchSchema,
      behavior,
      where: tagWhere,
    }),
    capabilities: new SqlCollection<Capability, CapabilityInput, CapabilityPatch, TagFilter>(db, {
      table: 'conduct_capabilities',
      entity: 'capability',
      inputSchema: capabilityInputSchema,
      patchSchema: capabilityPatchSchema,
      behavior,
      where: tagWhere,
    }),
  };
}
