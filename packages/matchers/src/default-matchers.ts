import type { CandidateFilter, MatchingStrategy, ResponseAnalyzer } from '@conduct/core';
import { type DefaultStrategiesOptions, defaultStrategies } from './default-strategies.js';
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
}

/** Everything matching-related the engine takes, ready to spread into `createConduct`. */
export interface DefaultMatchers {
  strategies: MatchingStrategy[];
  candidateFilter?: CandidateFilter;
  responseAnalyzer?: ResponseAnalyzer;
}

/**
 * The default matching setup: the task strategies, the relevance pre-filter (active above 40
 * candidates) and the model-backed response analysis.
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
  };
}
