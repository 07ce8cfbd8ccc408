/** Conduct's errors: one base `ConductError` and named subclasses with typed fields. */
export { ConductError, type ConductErrorOptions } from './conduct-error.js';
export {
  AbortedError,
  type AgentAccessMode,
  AgentUnavailableError,
  ConfigurationError,
  ConflictError,
  IdempotencyKeyReusedError,
  ModelError,
  ModelOutputError,
  NestedTransactionError,
  NotFoundError,
  TimeoutError,
  UnevaluatedGuidelinesError,
  UnknownToolError,
  ValidationError,
  type ValidationIssue,
} from './errors.js';
