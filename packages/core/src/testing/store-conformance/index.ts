export { entityCrudChecks, storeConformanceChecks } from './all-checks.js';
export {
  type CheckContext,
  runCheck,
  type StoreCheck,
  type StoreCheckGroup,
  storeCheck,
} from './check.js';
export { customerChecks } from './customer-suite.js';
export {
  describeStoreConformance,
  type StoreConformanceSetup,
} from './describe-store-conformance.js';
export { embeddingChecks } from './embedding-suite.js';
export { entityFilterChecks } from './entity-filter-suite.js';
export { entitySpecs } from './entity-specs.js';
export { type CrudStore, type EntitySpec, entityChecks } from './entity-suites.js';
export { eventFilterChecks } from './event-filter-suite.js';
export { eventIdempotencyChecks } from './event-idempotency-suite.js';
export { eventLogChecks } from './event-log-suite.js';
export { eventUpdateChecks } from './event-update-suite.js';
export { eventWaitChecks } from './event-wait-suite.js';
export { feedbackChecks } from './feedback-suite.js';
export { sessionLockChecks } from './session-lock-suite.js';
export { sessionChecks } from './session-suite.js';
export { transactionChecks } from './transaction-suite.js';
export { turnCompletionChecks } from './turn-completion-suite.js';
export { turnRecordChecks } from './turn-record-suite.js';
export { variableChecks } from './variable-suite.js';
