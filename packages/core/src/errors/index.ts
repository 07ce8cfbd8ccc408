export { ConductError, type ConductErrorOptions } from './conduct-error.js';
export {
  AbortedError,
  ConfigurationError,
  ConflictError,
  IdempotencyKeyReusedError,
  ModelError,
  ModelOutputError,
  NestedTransactionError,
  NotFoundError,
  TimeoutError,
  UnevaluatedGuidelinesError,
  ValidationError,
  type ValidationIssue,
} from './errors.js';
export { parseOrThrow, toValidationIssues } from './from-zod.js';
