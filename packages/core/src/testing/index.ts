/**
 * `@conduct/core/testing`: deterministic test doubles (the scripted model, embedder and
 * moderator, simple matching strategies) and the conformance kits every store and model
 * adapter runs from its own tests. Needs `vitest` for the kits.
 *
 * @packageDocumentation
 */
export { type BehaviorSnapshot, behaviorSnapshot } from './behavior-snapshot.js';
export { type FailingWrites, failingWrites, InjectedWriteFailure } from './failing-writes.js';
export {
  describeEmbedderConformance,
  describeLanguageModelConformance,
  languageModelChecks,
  runEmbedderCheck,
  runLanguageModelCheck,
} from './model-conformance.js';
export { type EmbedderCheck, embedderChecks } from './model-conformance-embedder-checks.js';
export type {
  LanguageModelCheck,
  LanguageModelCheckContext,
} from './model-conformance-helpers.js';
export {
  CONFORMANCE_CHUNKS,
  CONFORMANCE_OBJECT,
  CONFORMANCE_TASK,
  conformanceSchema,
  type EmbedderConformanceSetup,
  type EmbedderHarness,
  type LanguageModelConformanceSetup,
  type LanguageModelHarness,
  type LanguageModelScenario,
  type LanguageModelScenarioKind,
} from './model-conformance-scenarios.js';
export {
  answerPerItem,
  type Evidence,
  type ItemVerdict,
  matchesEvidence,
  type PerItemOptions,
  type PromptItem,
  type PromptView,
  promptItems,
  promptText,
  viewPrompt,
  type WhenPromptOptions,
  whenPrompt,
} from './model-evidence.js';
export {
  estimateTokens,
  type ScriptedAnswer,
  type ScriptedAnswerFunction,
  type ScriptedChunking,
  type ScriptedDirective,
  type ScriptedRequest,
  scripted,
} from './model-script.js';
export {
  createScriptedEmbedder,
  hashedBagOfWords,
  type ScriptedEmbedCall,
  type ScriptedEmbedder,
  type ScriptedEmbedderOptions,
} from './scripted-embedder.js';
export {
  createScriptedModel,
  type ScriptedAttempt,
  type ScriptedModel,
  type ScriptedModelCall,
  type ScriptedModelOptions,
} from './scripted-model.js';
export {
  createScriptedModerator,
  type ModerationPattern,
  type ScriptedModerationCall,
  type ScriptedModerator,
  type ScriptedModeratorOptions,
} from './scripted-moderator.js';
export {
  createSimulatedModel,
  type SimulatedAnswer,
  type SimulatedCall,
  type SimulatedLatency,
  type SimulatedModel,
  type SimulatedModelOptions,
} from './simulated-model.js';
export * from './store-conformance/index.js';
export { keywordStrategy, matchAllStrategy, scriptedTaskStrategy } from './test-strategies.js';
export { checkToolServiceRegistrations } from './tool-service-registration-checks.js';
