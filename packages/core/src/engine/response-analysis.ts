import type { Guideline } from '../domain/guideline.js';
import type { TurnContext } from './turn-context.js';

/** What the reply analysis is asked. */
export interface ResponseAnalysisInput {
  context: TurnContext;
  /** The reply that was sent. */
  reply: string;
  /** Matched guidelines that are tracked and have an action. Never empty. */
  guidelines: readonly Guideline[];
}

/**
 * Decides, after the reply was sent, which tracked guidelines it actually applied, so the next
 * turn routes them to the re-apply checks instead of repeating them. Runs off the critical path.
 * `@conduct/matchers` provides the model-backed `response-analysis` task.
 */
export interface ResponseAnalyzer {
  analyze(input: ResponseAnalysisInput): Promise<ResponseAnalysisResult>;
}

/** What a {@link ResponseAnalyzer} concluded. */
export interface ResponseAnalysisResult {
  /** The guidelines the reply applied (ids of other guidelines are ignored). */
  appliedGuidelineIds: string[];
  /**
   * Guidelines the analysis gave no usable verdict for (the call failed, or the answer left
   * them out or judged them twice), with why and how they were counted. The engine lists them
   * in the decision record's `errors` (code `guideline_unevaluated`, stage `response-analysis`).
   */
  unevaluated?: { guidelineId: string; error: string }[];
}

/**
 * The analyzer used when none is configured: assumes the reply applied every matched tracked
 * guideline. No model call; right whenever the composer follows its guidelines.
 */
export const assumeAppliedAnalyzer: ResponseAnalyzer = {
  async analyze({ guidelines }) {
    return { appliedGuidelineIds: guidelines.map((guideline) => guideline.id) };
  },
};
