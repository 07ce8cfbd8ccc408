/**
 * The store ports every store implements (checked by the conformance kit of
 * `@conduct/core/testing`) and the in-memory store.
 */
export type {
  EmbeddingKey,
  EmbeddingLookup,
  EmbeddingStore,
  StoredEmbedding,
} from './embedding-store.js';
export type { EntityStore, Page, PageOptions, TagFilter } from './entity-store.js';
export type {
  EventFilter,
  EventPatch,
  EventStore,
  IdempotencyKey,
  IdempotentAppend,
  WaitOptions,
} from './event-store.js';
export { createMemoryStore } from './memory/memory-store.js';
export type {
  AgentStore,
  CannedResponseStore,
  CapabilityStore,
  ConductStore,
  CustomerStore,
  FeedbackFilter,
  FeedbackStore,
  GuidelineFilter,
  GuidelineStore,
  JourneyStore,
  RelationshipFilter,
  RelationshipStore,
  SessionFilter,
  SessionStore,
  TagStore,
  TermStore,
  TurnRecordStore,
  VariableStore,
} from './ports.js';
export type { SessionLease, SessionLockOptions, SessionLockPort } from './session-locks.js';
export type {
  LatestCustomerMessage,
  UnfinishedTurn,
  UnfinishedTurnQuery,
} from './turn-completion.js';
export type { StoreTransaction } from './unit-of-work.js';
