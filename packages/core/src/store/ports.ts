import type { Agent, AgentInput, AgentPatch } from '../domain/agent.js';
import type {
  CannedResponse,
  CannedResponseInput,
  CannedResponsePatch,
} from '../domain/canned-response.js';
import type { Capability, CapabilityInput, CapabilityPatch } from '../domain/capability.js';
import type { Customer, CustomerInput, CustomerPatch } from '../domain/customer.js';
import type { Feedback, FeedbackInput } from '../domain/feedback.js';
import type { Guideline, GuidelineInput, GuidelinePatch } from '../domain/guideline.js';
import type { Journey, JourneyInput, JourneyPatch } from '../domain/journey.js';
import type {
  Relationship,
  RelationshipEndpoint,
  RelationshipInput,
  RelationshipKind,
} from '../domain/relationship.js';
import type { Session, SessionInput, SessionPatch } from '../domain/session.js';
import type { Tag, TagInput, TagPatch } from '../domain/tag.js';
import type { Term, TermInput, TermPatch } from '../domain/term.js';
import type { TurnRecord } from '../domain/turn-record.js';
import type { Variable, VariableInput, VariablePatch, VariableValue } from '../domain/variable.js';
import type { EmbeddingStore } from './embedding-store.js';
import type { EntityStore, Page, PageOptions, TagFilter } from './entity-store.js';
import type { EventStore } from './event-store.js';
import type { SessionLockPort } from './session-locks.js';
import type { StoreTransaction } from './unit-of-work.js';

/** Agents. */
export type AgentStore = EntityStore<Agent, AgentInput, AgentPatch>;

/**
 * Customers. The built-in `guest` always exists: `get('guest')` never fails and deleting it
 * is rejected with `ValidationError`.
 */
export interface CustomerStore extends EntityStore<Customer, CustomerInput, CustomerPatch> {
  /** A page of customers; the guest comes first in ascending order. */
  page(options?: PageOptions): Promise<Page<Customer>>;
}

/** Filter for sessions. */
export interface SessionFilter {
  agentId?: string;
  customerId?: string;
  /** Keep sessions that carry every one of these labels. */
  labels?: string[];
}

/** Sessions. Deleting a session deletes its events, turn records and feedback. */
export interface SessionStore
  extends EntityStore<Session, SessionInput, SessionPatch, SessionFilter> {
  page(filter?: SessionFilter & PageOptions): Promise<Page<Session>>;
  /** Deletes every session that matches (all of them with an empty filter); returns how many. */
  deleteMany(filter?: SessionFilter): Promise<number>;
}

/** Filter for guidelines. */
export interface GuidelineFilter extends TagFilter {
  enabled?: boolean;
}

/** Guidelines. */
export type GuidelineStore = EntityStore<
  Guideline,
  GuidelineInput,
  GuidelinePatch,
  GuidelineFilter
>;

/** Filter for relationships. */
export interface RelationshipFilter {
  kind?: RelationshipKind;
  /** Keep relationships with this entity as source or target. */
  endpoint?: RelationshipEndpoint;
}

/** Relationships. They are not edited: delete and create another. */
export type RelationshipStore = Omit<
  EntityStore<Relationship, RelationshipInput, never, RelationshipFilter>,
  'update'
>;

/** Tags. */
export type TagStore = EntityStore<Tag, TagInput, TagPatch, { name?: string }>;

/** Journeys. */
export type JourneyStore = EntityStore<Journey, JourneyInput, JourneyPatch, TagFilter>;

/** Glossary terms. */
export type TermStore = EntityStore<Term, TermInput, TermPatch, TagFilter>;

/** Context variables and their values. Deleting a variable deletes its values. */
export interface VariableStore
  extends EntityStore<Variable, VariableInput, VariablePatch, TagFilter> {
  /** The value under `key`, or `undefined`. Rejects with `NotFoundError` for an unknown variable. */
  getValue(variableId: string, key: string): Promise<VariableValue | undefined>;
  /** Sets (creates or replaces) the value under `key`; a replaced value keeps its id. */
  setValue(variableId: string, key: string, data: unknown): Promise<VariableValue>;
  /** Removes the value under `key`; `NotFoundError` when there is none. */
  deleteValue(variableId: string, key: string): Promise<void>;
  /** Every value of the variable, by key. */
  listValues(variableId: string): Promise<VariableValue[]>;
}

/** Canned responses. */
export type CannedResponseStore = EntityStore<
  CannedResponse,
  CannedResponseInput,
  CannedResponsePatch,
  TagFilter
>;

/** Capabilities. */
export type CapabilityStore = EntityStore<Capability, CapabilityInput, CapabilityPatch, TagFilter>;

/** Decision records of turns. */
export interface TurnRecordStore {
  /** Inserts or replaces the record with this id (a turn saves as it progresses). */
  save(record: TurnRecord): Promise<TurnRecord>;
  get(id: string): Promise<TurnRecord>;
  /** Records of one session, oldest first; optionally only those of one trace. */
  list(sessionId: string, filter?: { traceId?: string }): Promise<TurnRecord[]>;
}

/** Filter for feedback; every field given must hold. */
export interface FeedbackFilter {
  sessionId?: string;
  agentId?: string;
  /** Given at or after this ISO-8601 UTC timestamp. */
  since?: string;
  /** Given before this ISO-8601 UTC timestamp. */
  until?: string;
}

/**
 * Feedback on agent messages. Feedback belongs to an existing session (`create` rejects with
 * `NotFoundError` for an unknown one) and is deleted with it, as the session's events and turn
 * records are. The store does not check the event: the caller does, when it is given.
 */
export interface FeedbackStore {
  /** Validates (`ValidationError`), assigns an id unless given (`ConflictError` when taken) and `createdAt`. */
  create(input: FeedbackInput): Promise<Feedback>;
  /** The feedback, or `NotFoundError`. */
  get(id: string): Promise<Feedback>;
  /**
   * Feedback matching `filter`, by creation time then id, one page at a time (see
   * {@link PageOptions}; without `limit`, everything in one page). A `since` or `until` that is
   * not a timestamp is a `ValidationError`.
   */
  list(filter?: FeedbackFilter & PageOptions): Promise<Page<Feedback>>;
  /** `NotFoundError` when there is no such feedback. */
  delete(id: string): Promise<void>;
}

/** Every store port Conduct uses, as one injectable bundle. */
export interface ConductStore {
  agents: AgentStore;
  customers: CustomerStore;
  sessions: SessionStore;
  events: EventStore;
  guidelines: GuidelineStore;
  relationships: RelationshipStore;
  tags: TagStore;
  journeys: JourneyStore;
  terms: TermStore;
  variables: VariableStore;
  cannedResponses: CannedResponseStore;
  capabilities: CapabilityStore;
  turns: TurnRecordStore;
  /** Feedback on agent messages. */
  feedback: FeedbackStore;
  /** Embeddings of entities, by model and content hash. */
  embeddings: EmbeddingStore;
  /**
   * One process at a time per session: the engine holds a session's lock while it runs that
   * session's turns. In process for the memory store; across processes for a shared database.
   */
  sessionLocks: SessionLockPort;
  /**
   * Runs `work` as one unit: everything it writes through its `tx` argument is committed
   * together when it resolves (and only then seen by others and wakes their waits), or not at
   * all when it rejects (the rejection is passed on). Transactions do not nest. See
   * {@link StoreTransaction} for what the work may do.
   */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /**
   * An opaque value that changes whenever the behavior model changes — agents, guidelines,
   * relationships, journeys, tags, terms, variable definitions, canned responses or
   * capabilities (not sessions, events, customers or turn records) — also when another process
   * changed it. Equal values mean nothing changed, so engines may reuse what they derived.
   */
  behaviorRevision(): Promise<string>;
  /** Releases connections and timers. The store must not be used afterwards. */
  close(): Promise<void>;
}
