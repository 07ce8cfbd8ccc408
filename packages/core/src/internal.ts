/**
 * `@conduct/core/internal`: pieces of core that Conduct's own packages share (the SQL store, the
 * matchers, the REST API, the benchmark). **Unstable**: not part of the public API, not covered
 * by semver; anything here may change or go in any release. Use the same version of every
 * `@conduct/*` package when you import it.
 *
 * @packageDocumentation
 */

export { toolDisplayName } from './domain/common.js';
export { guidelineRuleText } from './domain/guideline.js';
export { newTurnRecord } from './domain/turn-record.js';
export { isValidTimeZone } from './engine/current-time.js';
export { isVisibleToAgent } from './engine/scope.js';
export { parseOrThrow } from './errors/from-zod.js';
export { type CronSchedule, isValidCron, parseCron } from './grounding/cron.js';
export { stem, tokenize } from './grounding/tokenize.js';
export { applicableValue, variableKeysFor } from './grounding/variable-keys.js';
export { cosineSimilarity } from './grounding/vectors.js';
export type { JourneyGraphInput } from './journeys/journey-graph.js';
export { type PreparedJourney, prepareJourney } from './journeys/prepared-transitions.js';
export { abortableDelay } from './model/call-deadline.js';
export { ChangeNotifier, waitForChange } from './store/change-notifier.js';
export { assertStorableEmbeddings } from './store/embedding-input.js';
export { buildEntity, parsePatch } from './store/entity-input.js';
export { normalizeFeedbackFilter } from './store/feedback-filter.js';
export { matchesEventFilter } from './store/filters.js';
export { idempotencyKeySchema } from './store/idempotency-key.js';
export { assertPageLimit, decodeCursor, encodeCursor, type Pageable } from './store/pagination.js';
export { isFinalReady } from './store/turn-completion.js';
export { isToolName, MAX_TOOL_NAME_LENGTH } from './tools/definition-checks.js';
export { runToolCalls, type ToolCall, type ToolCallOutcome } from './tools/run-tool-calls.js';
export { type ToolCallValidation, validateToolCall } from './tools/validate-call.js';
export { contentId } from './util/content-id.js';
export { nowIso } from './util/time.js';
