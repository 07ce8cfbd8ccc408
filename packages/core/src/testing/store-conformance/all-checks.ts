import type { StoreCheckGroup } from './check.js';
import { customerChecks } from './customer-suite.js';
import { embeddingChecks } from './embedding-suite.js';
import { entityFilterChecks } from './entity-filter-suite.js';
import { entitySpecs } from './entity-specs.js';
import { entityChecks } from './entity-suites.js';
import { eventFilterChecks } from './event-filter-suite.js';
import { eventIdempotencyChecks } from './event-idempotency-suite.js';
import { eventLogChecks } from './event-log-suite.js';
import { eventUpdateChecks } from './event-update-suite.js';
import { eventWaitChecks } from './event-wait-suite.js';
import { feedbackChecks } from './feedback-suite.js';
import { revisionChecks } from './revision-suite.js';
import { sessionLockChecks } from './session-lock-suite.js';
import { sessionChecks } from './session-suite.js';
import { transactionChecks } from './transaction-suite.js';
import { turnCompletionChecks } from './turn-completion-suite.js';
import { turnRecordChecks } from './turn-record-suite.js';
import { variableChecks } from './variable-suite.js';

/** The generic CRUD checks of every aggregate, keyed by its property on `ConductStore`. */
export const entityCrudChecks = {
  agents: entityChecks(entitySpecs.agents),
  customers: entityChecks(entitySpecs.customers),
  sessions: entityChecks(entitySpecs.sessions),
  guidelines: entityChecks(entitySpecs.guidelines),
  relationships: entityChecks(entitySpecs.relationships),
  tags: entityChecks(entitySpecs.tags),
  journeys: entityChecks(entitySpecs.journeys),
  terms: entityChecks(entitySpecs.terms),
  variables: entityChecks(entitySpecs.variables),
  cannedResponses: entityChecks(entitySpecs.cannedResponses),
  capabilities: entityChecks(entitySpecs.capabilities),
} as const satisfies Record<string, StoreCheckGroup>;

/** Every check of the store conformance kit, by the title of its `describe` block. */
export const storeConformanceChecks: Readonly<Record<string, StoreCheckGroup>> = {
  'event log': eventLogChecks,
  'event filters and soft delete': eventFilterChecks,
  'event waits': eventWaitChecks,
  'event updates': eventUpdateChecks,
  'event idempotency keys': eventIdempotencyChecks,
  ...Object.fromEntries(
    Object.entries(entityCrudChecks).map(([name, group]) => [`${name} CRUD`, group]),
  ),
  'entity filters': entityFilterChecks,
  customers: customerChecks,
  sessions: sessionChecks,
  variables: variableChecks,
  'turn records': turnRecordChecks,
  feedback: feedbackChecks,
  'behavior revision': revisionChecks,
  transactions: transactionChecks,
  'session locks': sessionLockChecks,
  embeddings: embeddingChecks,
  'unfinished turns': turnCompletionChecks,
};
