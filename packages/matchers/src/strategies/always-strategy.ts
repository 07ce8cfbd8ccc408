import type { MatchingStrategy } from '@conduct/core';
import { type GuidelineSelector, toPredicate } from './guideline-selector.js';

/** Options of {@link alwaysStrategy}. */
export interface AlwaysStrategyOptions {
  /** Strategy name in decision records. Default `always`. */
  name?: string;
  /** Rationale recorded (and shown to the composer). Default `always active`. */
  rationale?: string;
}

/**
 * Matches the selected guidelines on every turn, with no model call: rules that must always
 * be in force (tone, compliance notices). Takes only the guidelines `select` picks.
 *
 * @example
 * alwaysStrategy({ tags: ['always-on'] })
 */
export function alwaysStrategy(
  select: GuidelineSelector,
  options: AlwaysStrategyOptions = {},
): MatchingStrategy {
  const rationale = options.rationale ?? 'always active';
  return {
    name: options.name ?? 'always',
    handles: toPredicate(select),
    evaluate: async (guidelines) => ({
      verdicts: guidelines.map((guideline) => ({
        guidelineId: guideline.id,
        matched: true,
        rationale,
      })),
    }),
  };
}
