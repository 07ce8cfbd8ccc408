import type { Guideline, MatchingStrategy, StrategyResult, TurnContext } from '@conduct/core';
import { errorMessage } from '@conduct/core';
import { type GuidelineSelector, toPredicate } from './guideline-selector.js';

/** What a matcher function returns: a verdict, or just whether it matched. */
export type MatcherOutcome = boolean | { matched: boolean; rationale?: string };

/** Decides one guideline in code. */
export type MatcherFunction = (
  guideline: Guideline,
  context: TurnContext,
) => MatcherOutcome | Promise<MatcherOutcome>;

/**
 * A strategy that decides the guidelines `handles` selects with your own function (business
 * rules, customer attributes, an external classifier). Guidelines are decided concurrently; a
 * function that throws leaves only that guideline unevaluated, with the error.
 *
 * @example
 * functionStrategy('vip', { tags: ['vip'] }, (_g, ctx) => ctx.customer.tags.includes('vip'))
 */
export function functionStrategy(
  name: string,
  handles: GuidelineSelector,
  decide: MatcherFunction,
): MatchingStrategy {
  return {
    name,
    handles: toPredicate(handles),
    async evaluate(guidelines, context) {
      const outcomes = await Promise.allSettled(
        guidelines.map(async (guideline) => decide(guideline, context)),
      );
      context.signal.throwIfAborted();
      const result: Required<StrategyResult> = { verdicts: [], unevaluated: [] };
      outcomes.forEach((outcome, index) => {
        const guidelineId = (guidelines[index] as Guideline).id;
        if (outcome.status === 'rejected') {
          const error = outcome.reason;
          result.unevaluated.push({
            guidelineId,
            error: errorMessage(error),
          });
        } else if (typeof outcome.value === 'boolean') {
          result.verdicts.push({ guidelineId, matched: outcome.value });
        } else {
          const { matched, rationale } = outcome.value;
          result.verdicts.push({ guidelineId, matched, rationale });
        }
      });
      return result;
    },
  };
}
