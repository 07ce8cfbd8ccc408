/**
 * Canned responses: composition options, the task names their model calls are routed by, and
 * the template check (docs/canned-responses.md).
 */
export {
  type CannedOptions,
  DEFAULT_CANNOT_HELP_REPLY,
  DEFAULT_NO_MATCH_REPLY,
  type NoMatchSituation,
} from './canned-options.js';
export { CANNED_FIELDS_TASK } from './fields-task.js';
export type { PendingAsk } from './pending-asks.js';
export { CANNED_PREAMBLE_TASK } from './preamble-templates.js';
export { CANNED_RESTYLE_TASK } from './restyle-task.js';
export { CANNED_SELECT_TASK, CANNED_STRICT_TASK } from './select-task.js';
export {
  assertValidCannedResponse,
  type CannedResponseDraft,
  type CannedResponseIssue,
  cannedResponseIssues,
} from './template-check.js';
