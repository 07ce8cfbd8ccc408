export {
  type CandidateSet,
  type CannedPurpose,
  type CannedScope,
  collectCandidates,
  type ExcludedCandidate,
  isInScope,
  purposeOf,
} from './candidates.js';
export {
  type CannedComposerPlan,
  type CannedMode,
  type CompositionLog,
  createCannedComposer,
} from './canned-composer.js';
export {
  type CannedOptions,
  DEFAULT_CANNOT_HELP_REPLY,
  DEFAULT_NO_MATCH_REPLY,
  type NoMatchSituation,
  type ResolvedCannedOptions,
  resolveCannedOptions,
} from './canned-options.js';
export { classifyField, type FieldRef, isGenerativePath } from './field-namespaces.js';
export {
  type FieldSources,
  type FieldValue,
  fieldSourcesOf,
  resolveField,
} from './field-sources.js';
export { CANNED_FIELDS_TASK } from './fields-task.js';
export type { PendingAsk } from './pending-asks.js';
export { CANNED_PREAMBLE_TASK } from './preamble-templates.js';
export { type PreparedTemplate, prepareTemplate, renderPrepared } from './render.js';
export { CANNED_RESTYLE_TASK } from './restyle-task.js';
export { CANNED_SELECT_TASK, CANNED_STRICT_TASK } from './select-task.js';
export { type ParsedTemplate, parseTemplate, type TemplatePart } from './template.js';
export {
  assertValidCannedResponse,
  type CannedResponseDraft,
  type CannedResponseIssue,
  cannedResponseIssues,
} from './template-check.js';
export { isToolOffered, toolOfferedResponses } from './tool-offered.js';
