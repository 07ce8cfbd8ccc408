import type { Guideline } from '../domain/guideline.js';
import type { LanguageModel } from '../model/language-model.js';
import type { GuidelineStore } from '../store/ports.js';

/** What a {@link GuidelineClassifier} did, by guideline id. */
export interface GuidelineClassificationReport {
  /** Classified by the model in this run. */
  classified: string[];
  /** Already up to date, or copied from a guideline with the same content: no model call. */
  cached: string[];
  /** Could not be classified or stored; they keep their previous classification. */
  failed: { guidelineId: string; error: string }[];
}

/** What {@link GuidelineClassifier.classify} is given. */
export interface GuidelineClassificationInput {
  /** Where guidelines are read from (when `guidelines` is not given) and their facts written. */
  store: { guidelines: GuidelineStore };
  model: LanguageModel;
  /** Guidelines to consider. Default: every stored guideline. */
  guidelines?: readonly Guideline[];
  signal?: AbortSignal;
}

/**
 * Derives the facts matching routes guidelines by (`Guideline.classification`: whether an
 * action needs the customer's answer, whether it keeps applying), once per guideline content.
 * A port: `@conduct/matchers` provides one (`defaultMatchers()` includes it). With one, the
 * engine classifies an agent's new and changed guidelines after a turn of that agent, and
 * `conduct.prepare()` classifies every stored guideline up front.
 */
export interface GuidelineClassifier {
  /** Whether the facts of this guideline are missing or stale (no model call). */
  needsClassification(guideline: Guideline): boolean;
  /**
   * Classifies those of the guidelines that need it and stores their facts; one that fails is
   * reported in `failed` and keeps working without them. Rejects only when aborted.
   */
  classify(input: GuidelineClassificationInput): Promise<GuidelineClassificationReport>;
}
