import type { Guideline } from '../domain/guideline.js';
import type { MatchVerdict } from '../domain/turn-record.js';
import { ConfigurationError } from '../errors/errors.js';
import { errorMessage } from '../util/error-message.js';
import type { Clarification, GuidelineVerdict, MatchingStrategy } from './matching-strategy.js';
import type { TurnContext } from './turn-context.js';

/** Why a guideline matched. */
export interface MatchDetail {
  rationale: string | undefined;
  clarification: Clarification | undefined;
}

/** What matching decided about a set of candidates. */
export interface MatchOutcome {
  /** Matched guideline ids in candidate order, with their rationale (and clarification). */
  matched: Map<string, MatchDetail>;
  /** Every verdict, for the decision record (unevaluated ones have `matched: null`). */
  verdicts: MatchVerdict[];
}

/**
 * Offers each candidate to the strategies in order (the first that handles it evaluates it)
 * and runs all strategies in parallel. A strategy that throws, or leaves a guideline without a
 * verdict, leaves it unevaluated — recorded, and not matched — instead of failing the turn;
 * only a cancelled turn or a `ConfigurationError` (nothing to evaluate with) stops matching.
 */
export async function matchGuidelines(
  candidates: readonly Guideline[],
  strategies: readonly MatchingStrategy[],
  context: TurnContext,
): Promise<MatchOutcome> {
  const shares = new Map<MatchingStrategy, Guideline[]>();
  const verdicts: MatchVerdict[] = [];
  for (const guideline of candidates) {
    const strategy = strategyFor(guideline, strategies, context);
    if (strategy === undefined) {
      verdicts.push(
        unevaluated(guideline.id, 'none', 'no matching strategy handles this guideline'),
      );
      continue;
    }
    const share = shares.get(strategy);
    if (share === undefined) shares.set(strategy, [guideline]);
    else share.push(guideline);
  }

  const results = await Promise.all(
    [...shares].map(async ([strategy, guidelines]) => {
      try {
        return { strategy, guidelines, result: await strategy.evaluate(guidelines, context) };
      } catch (error) {
        context.signal.throwIfAborted();
        // A setup mistake (no model configured…) fails the turn as itself, whatever the policy
        // for guidelines left unevaluated: the operator must read what to configure.
        if (ConfigurationError.is(error)) throw error;
        return { strategy, guidelines, error: errorMessage(error) };
      }
    }),
  );
  context.signal.throwIfAborted();

  const answers = new Map<string, GuidelineVerdict>();
  for (const { strategy, guidelines, result, error } of results) {
    const asked = new Set(guidelines.map((guideline) => guideline.id));
    for (const verdict of result?.verdicts ?? []) {
      // A strategy may only speak about what it was asked.
      if (!asked.has(verdict.guidelineId) || answers.has(verdict.guidelineId)) continue;
      answers.set(verdict.guidelineId, verdict);
      verdicts.push({
        entity: { type: 'guideline', id: verdict.guidelineId },
        strategy: strategy.name,
        matched: verdict.matched,
        rationale: verdict.rationale ?? null,
        error: null,
        ...(verdict.clarification ? { clarification: verdict.clarification } : {}),
      });
    }
    const failures = new Map((result?.unevaluated ?? []).map((u) => [u.guidelineId, u.error]));
    for (const id of asked) {
      if (answers.has(id)) continue;
      verdicts.push(
        unevaluated(id, strategy.name, error ?? failures.get(id) ?? 'no verdict returned'),
      );
    }
  }

  const matched = new Map<string, MatchDetail>();
  for (const guideline of candidates) {
    const answer = answers.get(guideline.id);
    if (answer?.matched === true) {
      matched.set(guideline.id, {
        rationale: answer.rationale,
        clarification: answer.clarification,
      });
    }
  }
  return { matched, verdicts };
}

/** The strategy that evaluates a guideline: the first, in order, that handles it. */
export function strategyFor(
  guideline: Guideline,
  strategies: readonly MatchingStrategy[],
  context: TurnContext,
): MatchingStrategy | undefined {
  return strategies.find((strategy) => strategy.handles(guideline, context));
}

function unevaluated(id: string, strategy: string, error: string): MatchVerdict {
  return { entity: { type: 'guideline', id }, strategy, matched: null, rationale: null, error };
}
