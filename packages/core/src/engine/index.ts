/**
 * The turn engine as its users see it: the engine handle, the ports it is given (matching
 * strategies, composer, journey stepper, response analyzer, guideline classifier, candidate
 * filter), hooks, the context a strategy or composer reads and the helpers that render it, and
 * the task names model calls are routed by.
 */
export type { CandidateFilter, CandidateSelection } from './candidate-filter.js';
export type { ComposedReply, ComposeInput, Composer, MatchedGuideline } from './composer.js';
export {
  type ConversationOptions,
  type ConversationWindow,
  isConversationMessage,
  latestCustomerText,
  renderConversation,
} from './conversation.js';
export {
  CUSTOMER_TIME_ZONE_KEY,
  currentTimeSection,
  DEFAULT_TIME_ZONE,
  type TimeZoneOption,
  type TurnTime,
} from './current-time.js';
export type {
  CustomerMessageInput,
  Engine,
  PostedMessage,
  RecoveredTurn,
  RecoveredTurns,
  RecoveryOptions,
} from './engine.js';
export type { AgentAccess, EngineDependencies, UnfinishedTurnPolicy } from './engine-options.js';
export { COMPOSE_TASK } from './fluid-composer.js';
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
} from './hooks.js';
export { INTERRUPTED_TURN_MESSAGE } from './interrupted-turn.js';
export type {
  JourneyStepDecision,
  JourneyStepper,
  JourneyStepRequest,
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
export type { TurnOutcome } from './session-runtime.js';
export { taskConversation } from './task-conversation.js';
export { TOOL_CALL_TASK } from './tool-inference.js';
export {
  type ActiveJourneyView,
  emptyGrounding,
  type RetrievedData,
  type ToolOutcomeView,
  type TurnContext,
  type TurnGrounding,
  type VariableView,
} from './turn-context.js';
export type { TurnReport } from './turn-report.js';
export {
  GUIDELINE_UNEVALUATED,
  HIGH_CRITICALITY_UNEVALUATED_ACTIONS,
  type HighCriticalityUnevaluatedAction,
  type UnevaluatedOptions,
} from './unevaluated-policy.js';
