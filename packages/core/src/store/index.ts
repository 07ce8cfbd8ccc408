export { ChangeNotifier, waitForChange } from './change-notifier.js';
export { assertStorableEmbeddings } from './embedding-input.js';
export type {
  EmbeddingKey,
  EmbeddingLookup,
  EmbeddingStore,
  StoredEmbedding,
} from './embedding-store.js';
export { buildEntity, parsePatch } from './entity-input.js';
export type { EntityStore, Page, PageOptions, TagFilter } from './entity-store.js';
export type {
  EventFilter,
  EventPatch,
  EventStore,
  IdempotencyKey,
  IdempotentAppend,
  WaitOptions,
} from './event-store.js';
export { matchesFeedbackFilter, normalizeFeedbackFilter } from './feedback-filter.js';
export {
  matchesEventFilter,
  matchesRelationshipFilter,
  matchesSessionFilter,
  matchesTagFilter,
} from './filters.js';
export { idempotencyKeySchema } from './idempotency-key.js';
export { createMemoryStore } from './memory/memory-store.js';
export {
  assertPageLimit,
  compareByCreation,
  decodeCursor,
  encodeCursor,
  type Pageable,
  paginate,
} from './pagination.js';
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
export {
  humanAnsweredIn,
  isFinalReady,
  type LatestCustomerMessage,
  turnCompletedIn,
  type UnfinishedTurn,
  type UnfinishedTurnQuery,
} from './turn-completion.js';
export type { StoreTransaction } from './unit-of-work.js';
