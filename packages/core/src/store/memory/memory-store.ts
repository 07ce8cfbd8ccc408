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
import type { StoreTransaction } from '../unit-of-work.js';
import { MemoryCollection } from './memory-collection.js';
import { MemoryCustomerStore } from './memory-customer-store.js';
import { MemoryEmbeddingStore } from './memory-embedding-store.js';
import { MemoryEventStore } from './memory-event-store.js';
import { MemoryFeedbackStore } from './memory-feedback-store.js';
import { gatedPort, MemoryJournal, transactionPort } from './memory-journal.js';
import { MemorySessionLocks } from './memory-session-locks.js';
import { MemorySessionStore } from './memory-session-store.js';
import { MemoryTurnRecordStore } from './memory-turn-record-store.js';
import { MemoryVariableStore } from './memory-variable-store.js';

type MemoryPorts = Omit<StoreTransaction, 'behaviorRevision'>;

/**
 * A complete {@link ConductStore} in memory: for tests, examples and single-process demos.
 * Nothing survives the process. Transactions run one at a time and hold back every other call
 * while they run; session locks are in process.
 */
export function createMemoryStore(): ConductStore {
  let revision = 0;
  const onChange = () => {
    revision += 1;
  };
  const journal = new MemoryJournal();
  const agents = new MemoryCollection<Agent, AgentInput, AgentPatch, Record<string, never>>({
    entity: 'agent',
    onChange,
    journal,
    inputSchema: agentInputSchema,
    patchSchema: agentPatchSchema,
  });
  const turns = new MemoryTurnRecordStore(journal);
  const feedback = new MemoryFeedbackStore((sessionId) => sessions.has(sessionId), journal);
  const embeddings = new MemoryEmbeddingStore(journal);
  const sessions = new MemorySessionStore(
    (agentId) => agents.has(agentId),
    (sessionId) => {
      events.dropSession(sessionId);
      turns.dropSession(sessionId);
      feedback.dropSession(sessionId);
    },
    journal,
  );
  const events = new MemoryEventStore((sessionId) => sessions.has(sessionId), {
    journal,
    isManual: (sessionId) => sessions.peek(sessionId)?.mode === 'manual',
    sessions: () => sessions.select(),
  });
  const locks = new MemorySessionLocks();

  const ports: MemoryPorts = {
    agents,
    customers: new MemoryCustomerStore(journal),
    sessions,
    events,
    guidelines: new MemoryCollection<Guideline, GuidelineInput, GuidelinePatch, GuidelineFilter>({
      entity: 'guideline',
      onChange,
      journal,
      afterDelete: (id) => embeddings.delete('guideline', id),
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
        journal,
        inputSchema: relationshipInputSchema,
        patchSchema: relationshipInputSchema,
        matches: matchesRelationshipFilter,
      },
    ),
    tags: new MemoryCollection<Tag, TagInput, TagPatch, { name?: string }>({
      entity: 'tag',
      onChange,
      journal,
      inputSchema: tagInputSchema,
      patchSchema: tagPatchSchema,
      matches: (tag, filter) => filter?.name === undefined || tag.name === filter.name,
    }),
    journeys: new MemoryCollection<Journey, JourneyInput, JourneyPatch, TagFilter>({
      entity: 'journey',
      onChange,
      journal,
      inputSchema: journeyInputSchema,
      patchSchema: journeyPatchSchema,
      matches: matchesTagFilter,
    }),
    terms: new MemoryCollection<Term, TermInput, TermPatch, TagFilter>({
      entity: 'term',
      onChange,
      journal,
      inputSchema: termInputSchema,
      patchSchema: termPatchSchema,
      matches: matchesTagFilter,
    }),
    variables: new MemoryVariableStore(onChange, journal),
    cannedResponses: new MemoryCollection<
      CannedResponse,
      CannedResponseInput,
      CannedResponsePatch,
      TagFilter
    >({
      entity: 'canned response',
      onChange,
      journal,
      inputSchema: cannedResponseInputSchema,
      patchSchema: cannedResponsePatchSchema,
      matches: matchesTagFilter,
    }),
    capabilities: new MemoryCollection<Capability, CapabilityInput, CapabilityPatch, TagFilter>({
      entity: 'capability',
      onChange,
      journal,
      inputSchema: capabilityInputSchema,
      patchSchema: capabilityPatchSchema,
      matches: matchesTagFilter,
    }),
    turns,
    feedback,
    embeddings,
  };
  const behaviorRevision = async () => String(revision);
  const view = (wrap: <T extends object>(port: T) => T) =>
    Object.fromEntries(
      Object.entries(ports).map(([name, port]) => [name, wrap(port as object)]),
    ) as MemoryPorts;
  const transactional: StoreTransaction = {
    ...view((port) => transactionPort(port, journal)),
    behaviorRevision,
  };
  return {
    ...view((port) => gatedPort(port, journal)),
    sessionLocks: locks,
    behaviorRevision,
    transaction: (work) => journal.run(() => work(transactional)),
    async close() {
      locks.loseAll();
    },
  };
}
