import type {
  CandidateFilter,
  GuidelineClassifier,
  JourneyStepper,
  MatchingStrategy,
  ResponseAnalyzer,
} from '@conduct/core';
import {
  createGuidelineClassifier,
  type GuidelineClassifierOptions,
} from './classification/guideline-classifier.js';
import { type DefaultStrategiesOptions, defaultStrategies } from './default-strategies.js';
import { createJourneyStepper, type JourneyStepperOptions } from './journeys/journey-stepper.js';
import {
  createRelevanceFilter,
  type RelevanceFilterOptions,
} from './prefilter/relevance-filter.js';
import {
  createResponseAnalyzer,
  type ResponseAnalyzerOptions,
} from './response-analysis/response-analyzer.js';

/** Options of {@link defaultMatchers}; pass `false` to leave a part out. */
export interface DefaultMatchersOptions {
  strategies?: DefaultStrategiesOptions;
  relevanceFilter?: RelevanceFilterOptions | false;
  responseAnalyzer?: ResponseAnalyzerOptions | false;
  journeyStepper?: JourneyStepperOptions | false;
  guidelineClassifier?: GuidelineClassifierOptions | false;
}

/** Everything matching-related the engine takes, ready to spread into `createConduct`. */
export interface DefaultMatchers {
  strategies: MatchingStrategy[];
  candidateFilter?: CandidateFilter;
  responseAnalyzer?: ResponseAnalyzer;
  journeyStepper?: JourneyStepper;
  guidelineClassifier?: GuidelineClassifier;
}

/**
 * The default matching setup, and the one way to set Conduct up: the task strategies, the
 * relevance pre-filter (active above 40 candidates), the model-backed response analysis, the
 * `journey-step` task (journeys cannot be defined without it) and guideline classification
 * (new and changed guidelines get their routing facts after a turn, or all at once with
 * `conduct.prepare()`).
 *
 * ```ts
 * const conduct = createConduct({ model, ...defaultMatchers() });
 * ```
 */
export function defaultMatchers(options: DefaultMatchersOptions = {}): DefaultMatchers {
  return {
    strategies: defaultStrategies(options.strategies),
    ...(options.relevanceFilter === false
      ? {}
      : { candidateFilter: createRelevanceFilter(options.relevanceFilter) }),
    ...(options.responseAnalyzer === false
      ? {}
      : { responseAnalyzer: createResponseAnalyzer(options.responseAnalyzer) }),
    ...(options.journeyStepper === false
      ? {}
      : { journeyStepper: createJourneyStepper(options.journeyStepper) }),
    ...(options.guidelineClassifier === false
      ? {}
      : { guidelineClassifier: createGuidelineClassifier(options.guidelineClassifier) }),
  };
}
