import type { LanguageModel } from '../model/language-model.js';
import type { ConductStore } from '../store/ports.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { CandidateFilter, UnevaluatedPolicy } from './candidate-filter.js';
import type { Composer } from './composer.js';
import type { EngineHooks } from './hooks.js';
import type { MatchingStrategy } from './matching-strategy.js';
import type { PreamblePolicy } from './preamble.js';
import type { ResponseAnalyzer } from './response-analysis.js';

/** Everything the engine is given; nothing is looked up globally. */
export interface EngineDependencies {
  store: ConductStore;
  /** Usually a router (`createModelRouter`) so each task can use its own model. */
  model: LanguageModel;
  /** Matching strategies in order of preference (see `MatchingStrategy.handles`). */
  strategies: readonly MatchingStrategy[];
  tools: ToolRegistry;
  /** Narrows candidates before matching (relevance pre-filter). Default: keep all. */
  candidateFilter?: CandidateFilter;
  /** What to do when guidelines could not be evaluated. Default: treat them as not matched. */
  unevaluatedPolicy?: UnevaluatedPolicy;
  /** Default: the fluid composer. */
  composer?: Composer;
  /** Default: assume the reply applied every matched tracked guideline. */
  responseAnalyzer?: ResponseAnalyzer;
  hooks?: EngineHooks;
  /** Default: no preamble. */
  preamble?: PreamblePolicy;
  /** Token budget of the conversation shown in tool-call prompts. Default 4000. */
  toolHistoryBudgetTokens?: number;
  /** Timeout of a model call that sets none, in ms. Default 60 000. */
  modelTimeoutMs?: number;
  /** Default per-call tool timeout in ms (a tool's own timeout wins). Default 15 000. */
  toolTimeoutMs?: number;
  /** How many recent turns' matches the session remembers (for the pre-filter). Default 3. */
  recentTurnsRemembered?: number;
  /** Receives errors that escaped a turn (a failing store, a bug). Default: `console.error`. */
  onError?: (error: unknown, context: { sessionId: string }) => void;
}
