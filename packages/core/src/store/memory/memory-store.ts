import {
  type Agent,
  type AgentInput,
  type AgentPatch,
  agentInputSchema,
  agentPatchSchema,
} from '../../domain/agent.js';
import {
  type CannedResponse,
  type CannedResponseInput,
  type CannedResponsePatch,
  cannedResponseInputSchema,
  cannedResponsePatchSchema,
} from '../../domain/canned-response.js';
import {
  type Capability,
  type CapabilityInput,
  type CapabilityPatch,
  capabilityInputSchema,
  capabilityPatchSchema,
} from '../../domain/capability.js';
import {
  type Guideline,
  type GuidelineInput,
  type GuidelinePatch,
  guidelineInputSchema,
  guidelinePatchSchema,
} from '../../domain/guideline.js';
import {
  type Journey,
  type JourneyInput,
  type JourneyPatch,
  journeyInputSchema,
  journeyPatchSchema,
} from '../../domain/journey.js';
import {
  type Relationship,
  type RelationshipInput,
  relationshipInputSchema,
} from '../../domain/relationship.js';
import {
  type Tag,
  type TagInput,
  type TagPatch,
  tagInputSchema,
  tagPatchSchema,
} from '../../domain/tag.js';
import {
  type Term,
  type TermInput,
  type TermPatch,
  termInputSchema,
  termPatchSchema,
} from '../../domain/term.js';
import type { TagFilter } from '../entity-store.js';
import { matchesRelationshipFilter, matchesTagFilter } from '../filters.js';
import type { ConductStore, GuidelineFilter, RelationshipFilter } from '../ports.js';
import { MemoryCollection } from './memory-collection.js';
import { MemoryCustomerStore } from './memory-customer-store.js';
import { MemoryEventStore } from './memory-event-store.js';
import { MemorySessionStore } from './memory-session-store.js';
import { MemoryTurnRecordStore } from './memory-turn-record-store.js';
import { MemoryVariableStore } from './memory-variable-store.js';

/**
 * A complete {@link ConductStore} in memory: for tests, examples and single-process demos.
 * Nothing survives the process.
 */
export function createMemoryStore(): ConductStore {
  let revision = 0;
  const onChange = () => {
    revision += 1;
  };
  const agents = new MemoryCollection<Agent, AgentInput, AgentPatch, Record<string, never>>({
    entity: 'agent',
    onChange,
    inputSchema: agentInputSchema,
    patchSchema: agentPatchSchema,
  });
  const turns = new MemoryTurnRecordStore();
  const sessions = new MemorySessionStore(
    (agentId) => agents.has(agentId),
    (sessionId) => {
      events.dropSession(sessionId);
      turns.dropSession(sessionId);
    },
  );
  const events = new MemoryEventStore((sessionId) => sessions.has(sessionId));

  return {
    agents,
    customers: new MemoryCustomerStore(),
    sessions,
    events,
    guidelines: new MemoryCollection<Guideline, GuidelineInput, GuidelinePatch, GuidelineFilter>({
      entity: 'guideline',
      onChange,
      inputSchema: guidelineInputSchema,
      patchSchema: guidelinePatchSchema,
      matches: (guideline, filter) =>
        matchesTagFilter(guideline, filter) &&
        (filter?.enabled === undefined || guideline.enabled === filter.enabled),
    }),
    relationships: new MemoryCollection<Relationship, RelationshipInput, never, RelationshipFilter>(
      {
        entity: 'relationship',
        onChange,
        inputSchema: relationshipInputSchema,
        patchSchema: relationshipInputSchema,
        matches: matchesRelationshipFilter,
      },
    ),
    tags: new MemoryCollection<Tag, TagInput, TagPatch, { name?: string }>({
      entity: 'tag',
      onChange,
      inputSchema: tagInputSchema,
      patchSchema: tagPatchSchema,
      matches: (tag, filter) => filter?.name === undefined || tag.name === filter.name,
    }),
    journeys: new MemoryCollection<Journey, JourneyInput, JourneyPatch, TagFilter>({
      entity: 'journey',
      onChange,
      inputSchema: journeyInputSchema,
      patchSchema: journeyPatchSchema,
      matches: matchesTagFilter,
    }),
    terms: new MemoryCollection<Term, TermInput, TermPatch, TagFilter>({
      entity: 'term',
      onChange,
      inputSchema: termInputSchema,
      patchSchema: termPatchSchema,
      matches: matchesTagFilter,
    }),
    variables: new MemoryVariableStore(onChange),
    cannedResponses: new MemoryCollection<
      CannedResponse,
      CannedResponseInput,
      CannedResponsePatch,
      TagFilter
    >({
      entity: 'canned response',
      onChange,
      inputSchema: cannedResponseInputSchema,
      patchSchema: cannedResponsePatchSchema,
      matches: matchesTagFilter,
    }),
    capabilities: new MemoryCollection<Capability, CapabilityInput, CapabilityPatch, TagFilter>({
      entity: 'capability',
      onChange,
      inputSchema: capabilityInputSchema,
      patchSchema: capabilityPatchSchema,
      matches: matchesTagFilter,
    }),
    turns,
    async behaviorRevision() {
      return String(revision);
    },
    async close() {},
  };
}
