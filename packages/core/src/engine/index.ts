export {
  type CandidateFilter,
  type CandidateSelection,
  failIfHighCriticalityUnevaluated,
  type UnevaluatedPolicy,
} from './candidate-filter.js';
export type { ComposedReply, ComposeInput, Composer, MatchedGuideline } from './composer.js';
export {
  type ConversationOptions,
  type ConversationWindow,
  formatToolOutcome,
  renderConversation,
} from './conversation.js';
export {
  type CustomerMessageInput,
  createEngine,
  type Engine,
  type PostedMessage,
} from './engine.js';
export type { EngineDependencies } from './engine-options.js';
export { COMPOSE_TASK, createFluidComposer, type FluidComposerOptions } from './fluid-composer.js';
export {
  type EngineHooks,
  type Hook,
  type HookResult,
  mergeHooks,
  type ProposedToolCall,
  runHooks,
} from './hooks.js';
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
export {
  assumeAppliedAnalyzer,
  type ResponseAnalysisInput,
  type ResponseAnalyzer,
} from './response-analysis.js';
export { isJourneyScopeTag, isVisibleToAgent } from './scope.js';
export type { TurnOutcome } from './session-runtime.js';
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
