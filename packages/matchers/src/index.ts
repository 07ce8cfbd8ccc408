/**
 * `@conduct/matchers`: Conduct's guideline-matching strategies — the narrow model tasks with
 * their schemas, prompts, batching and routing, the non-model strategies, journey stepping,
 * response analysis, guideline classification, and `defaultMatchers()`, the set to spread into
 * `createConduct({ model, ...defaultMatchers() })`.
 *
 * @packageDocumentation
 */

// Batching lives in the prompt kit of core, shared with its narrow tasks; exported here too.
export { type BatchOptions, batchByTokenBudget } from '@conduct/core';
export {
  asMatchesOnly,
  asPerItem,
  type MatchesOnly,
  matchesOnlySchema,
  matchesOnlySchemaFor,
  type NumberList,
  numberListSchema,
  numberListSchemaFor,
  type PerItemVerdicts,
  perItemSchema,
  perItemSchemaFor,
  type ReasonedChecks,
  readMatchesOnly,
  readNumberList,
  readPerItem,
  readReasonedChecks,
  reasonedChecksSchema,
} from './answer-shapes.js';
export {
  type ClassificationSummary,
  type ClassifyGuidelinesOptions,
  classifyGuidelines,
} from './classification/classify-guidelines.js';
export { CLASSIFY_GUIDELINE_TASK } from './classification/classify-task.js';
export {
  createGuidelineClassifier,
  type GuidelineClassifierOptions,
} from './classification/guideline-classifier.js';
export {
  type DefaultMatchers,
  type DefaultMatchersOptions,
  defaultMatchers,
} from './default-matchers.js';
export {
  DEFAULT_MATCHING_TASKS,
  type DefaultStrategiesOptions,
  defaultStrategies,
  type TaskOptions,
} from './default-strategies.js';
export type { DisambiguationOption } from './disambiguation-options.js';
export { JOURNEY_STEP_TASK } from './journeys/journey-step-task.js';
export { createJourneyStepper, type JourneyStepperOptions } from './journeys/journey-stepper.js';
export {
  type MatchesOnlyTaskInput,
  matchesOnlyTask,
  type ReasonedExample,
} from './matches-only-task.js';
export type { MatchingTask, TaskExample, TaskVerdict } from './matching-task.js';
export {
  createRelevanceFilter,
  defaultAlwaysKeep,
  type RelevanceFilterOptions,
} from './prefilter/relevance-filter.js';
export type { RelevanceQueryOptions } from './prefilter/relevance-query.js';
export { RESPONSE_ANALYSIS_TASK } from './response-analysis/analysis-task.js';
export {
  createResponseAnalyzer,
  type ResponseAnalyzerOptions,
} from './response-analysis/response-analyzer.js';
export {
  MATCHING_TASK_NAMES,
  type MatchingTaskName,
  routeGuideline,
  wasApplied,
} from './routing.js';
export { type RunTaskOptions, runMatchingTask } from './run-task.js';
export { type AlwaysStrategyOptions, alwaysStrategy } from './strategies/always-strategy.js';
export {
  functionStrategy,
  type MatcherFunction,
  type MatcherOutcome,
} from './strategies/function-strategy.js';
export type { GuidelineSelector } from './strategies/guideline-selector.js';
export {
  type KeywordPattern,
  type KeywordStrategyOptions,
  keywordStrategy,
} from './strategies/keyword-strategy.js';
export { createTaskStrategy, type TaskStrategyOptions } from './task-strategy.js';
export { actionableTask } from './tasks/actionable.js';
export {
  type DisambiguationAnswer,
  disambiguationSchema,
  disambiguationTask,
} from './tasks/disambiguation.js';
export { lowCriticalityTask } from './tasks/low-criticality.js';
export { observationTask } from './tasks/observation.js';
export { reapplyTask } from './tasks/reapply.js';
export { reapplyCustomerDependentTask } from './tasks/reapply-customer-dependent.js';
