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
  analyze(input: ResponseAnalysisInput): Promise<{ appliedGuidelineIds: string[] }>;
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
