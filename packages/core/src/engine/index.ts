export type { CandidateFilter, CandidateSelection } from './candidate-filter.js';
export type { ComposedReply, ComposeInput, Composer, MatchedGuideline } from './composer.js';
export {
  COMPOSITION_MODE_ORDER,
  type CompositionRecorder,
  type ModeResolution,
  preambleCompositionMode,
  resolveCompositionMode,
  selectComposer,
} from './composer-selection.js';
export {
  type ConversationOptions,
  type ConversationWindow,
  formatToolOutcome,
  isConversationMessage,
  latestCustomerText,
  renderConversation,
} from './conversation.js';
export {
  CUSTOMER_TIME_ZONE_KEY,
  currentTimeSection,
  DEFAULT_TIME_ZONE,
  formatTurnTime,
  isValidTimeZone,
  resolveTurnTime,
  type TimeZoneOption,
  type TurnTime,
} from './current-time.js';
export {
  type CustomerMessageInput,
  createEngine,
  type Engine,
  type PostedMessage,
  type RecoveredTurn,
  type RecoveredTurns,
  type RecoveryOptions,
} from './engine.js';
export type { AgentAccess, EngineDependencies, UnfinishedTurnPolicy } from './engine-options.js';
export { COMPOSE_TASK, createFluidComposer, type FluidComposerOptions } from './fluid-composer.js';
export type {
  GuidelineClassificationInput,
  GuidelineClassificationReport,
  GuidelineClassifier,
} from './guideline-classifier.js';
export {
  type EngineHooks,
  type Hook,
  type HookResult,
  mergeHooks,
  type ProposedToolCall,
  runHooks,
} from './hooks.js';
export { INTERRUPTED_TURN_MESSAGE, LOCK_FAILED_PREFIX } from './interrupted-turn.js';
export { JOURNEY_STEPS_INSTRUCTION, journeyStepsSection } from './journey-compose.js';
export {
  type JourneyStepDecision,
  type JourneyStepper,
  type JourneyStepRequest,
  NO_JOURNEY_STEPPER_MESSAGE,
} from './journey-stepper.js';
export type {
  Clarification,
  GuidelineVerdict,
  MatchingStrategy,
  StrategyResult,
} from './matching-strategy.js';
export {
  alwaysPreamble,
  PREAMBLE_TASK,
  type PreamblePolicy,
  preambleWhenToolsLikely,
} from './preamble.js';
export { replyContextSections } from './reply-context.js';
export { REPLY_TRUNCATED } from './reply-stage.js';
export {
  assumeAppliedAnalyzer,
  type ResponseAnalysisInput,
  type ResponseAnalysisResult,
  type ResponseAnalyzer,
} from './response-analysis.js';
export { isVisibleToAgent } from './scope.js';
export type { TurnOutcome } from './session-runtime.js';
export {
  type SessionStateTrim,
  type SessionStateTrimInput,
  type TrimTurn,
  trimSessionState,
} from './session-state-trim.js';
export { FETCHED_THIS_TURN, taskConversation } from './task-conversation.js';
export { TOOL_CALL_TASK } from './tool-inference.js';
export type {
  ActiveJourneyView,
  RetrievedData,
  ToolOutcomeView,
  TurnContext,
  TurnGrounding,
  VariableView,
} from './turn-context.js';
export { emptyGrounding } from './turn-context.js';
export type { TurnReport } from './turn-report.js';
export {
  GUIDELINE_UNEVALUATED,
  HIGH_CRITICALITY_UNEVALUATED_ACTIONS,
  type HighCriticalityUnevaluatedAction,
  type UnevaluatedOptions,
  validateUnevaluatedOptions,
} from './unevaluated-policy.js';
