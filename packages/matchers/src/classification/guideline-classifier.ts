import type { BatchOptions, GuidelineClassifier } from '@conduct/core';
import { needsClassification } from './classification-facts.js';
import { classifyGuidelines } from './classify-guidelines.js';

/** Options of {@link createGuidelineClassifier}. */
export interface GuidelineClassifierOptions {
  /** How guidelines are grouped into calls. Default: up to 10 per call, 1200 tokens of items. */
  batch?: BatchOptions;
  /** Most calls in flight at once. Default 4. */
  concurrency?: number;
}

/**
 * The `classify-guideline` task as the engine's `GuidelineClassifier` (see
 * {@link classifyGuidelines}): `createConduct` then classifies new and changed guidelines after
 * the turns that see them, and `conduct.prepare()` classifies them all. Part of
 * `defaultMatchers()`.
 */
export function createGuidelineClassifier(
  options: GuidelineClassifierOptions = {},
): GuidelineClassifier {
  return {
    needsClassification,
    classify: (input) => classifyGuidelines({ ...options, ...input }),
  };
}
