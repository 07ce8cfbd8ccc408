/**
 * The model ports (`LanguageModel`, `Embedder`, `Moderator`), routing, fallback and call
 * recording, and the kit adapters are built with: one call per port method with timeout, abort,
 * retries, error mapping and one call record; structured output with one repair attempt,
 * deadlines, text streams, usage and cost.
 */
export {
  type AdapterCall,
  type AdapterCallOptions,
  type AdapterCallRecord,
  openAdapterCall,
} from './adapter-call.js';
export { type CallDeadline, createCallDeadline } from './call-deadline.js';
export {
  type CallRecordOutcome,
  type CallRecordStart,
  notifyCallListener,
  startCallRecord,
} from './call-record.js';
export { type ModelCallListener, recordModelCalls } from './call-recording.js';
export { createFallbackModel } from './fallback-model.js';
export type { FetchFunction } from './fetch-function.js';
export type { HedgingOptions } from './hedge-policy.js';
export {
  type HttpFailure,
  type HttpRetryAdvice,
  httpRetryAdvice,
  isRetryableStatus,
} from './http-retry-advice.js';
export { extractJsonCandidates } from './json-extraction.js';
export * from './language-model.js';
export { computeCost, type ModelPrice, type PriceTable } from './pricing.js';
export { parseRetryAfter, type RetryOptions, sendWithinDeadline, withRetries } from './retry.js';
export {
  createModelRouter,
  type MarkedModelRoute,
  type ModelRoute,
  type ModelRouter,
  type ModelRouterOptions,
} from './router.js';
export {
  type GenerateWithRepairOptions,
  generateWithRepair,
  parseStructuredOutput,
  type StructuredAttemptResult,
  type ToJsonSchemaOptions,
  toJsonSchema,
} from './structured-output.js';
export { DEFAULT_TASK_TIMEOUTS, resolveTaskTimeouts } from './task-deadlines.js';
export {
  createTextStream,
  type TextStreamCompletion,
  type TextStreamController,
} from './text-stream.js';
export { addUsage } from './usage.js';
