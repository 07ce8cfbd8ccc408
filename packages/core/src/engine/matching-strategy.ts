import type { Guideline } from '../domain/guideline.js';
import type { TurnContext } from './turn-context.js';

/**
 * The customer's intent is unclear between several targets of a matched `disambiguates` source:
 * the engine holds those targets back this turn and the reply asks `question` instead.
 */
export interface Clarification {
  targets: { type: 'guideline' | 'journey'; id: string }[];
  question: string;
}

/** One strategy's answer about one guideline. */
export interface GuidelineVerdict {
  guidelineId: string;
  matched: boolean;
  /** Short reason, shown in the decision record and (for matches) to the composer. */
  rationale?: string;
  /** Set by disambiguation: ask this instead of acting on the targets. */
  clarification?: Clarification;
}

/** The outcome of one strategy run. */
export interface StrategyResult {
  verdicts: GuidelineVerdict[];
  /**
   * Guidelines the strategy was given but could not evaluate (an invalid model answer after
   * repair, a failed batch), with why. They count as not matched and are recorded as such.
   */
  unevaluated?: { guidelineId: string; error: string }[];
}

/**
 * A way to decide whether guidelines apply now. The engine offers every candidate to the
 * strategies in order; the first whose `handles` returns true evaluates it. All strategies run
 * in parallel, each over its own share of the candidates.
 *
 * `@conduct/matchers` provides the model-backed strategies (one narrow task each) and simple
 * ones (always, keyword, custom function).
 */
export interface MatchingStrategy {
  /** Name recorded with every verdict, e.g. `actionable`, `keyword`. */
  readonly name: string;
  /** Whether this strategy evaluates the guideline. */
  handles(guideline: Guideline, context: TurnContext): boolean;
  /** Evaluates the given guidelines (never empty). Should honour `context.signal`. */
  evaluate(guidelines: Guideline[], context: TurnContext): Promise<StrategyResult>;
}
