import {
  isItemNumber,
  itemAnswersSchema,
  itemNumberSchema,
  readItemAnswers,
  reasonFirst,
} from '@conduct/core';
import { z } from 'zod';
import type { TaskVerdict } from './matching-task.js';

/** The reason of a fully reasoned check ({@link reasonedChecksSchema}). */
export const CHECK_REASON = reasonFirst(15);
/** The reason of a verdict in the answers of matching tasks (matches only, or per item). */
export const VERDICT_REASON = reasonFirst(12);

/** `{ checks: [{ n, why, applies }] }`: a short reason before each verdict, where it pays. */
export const reasonedChecksSchema = itemAnswersSchema({
  list: 'checks',
  reason: { key: 'why', rule: CHECK_REASON },
  verdict: { applies: z.boolean() },
});
/** Answer of {@link reasonedChecksSchema}. */
export type ReasonedChecks = z.output<typeof reasonedChecksSchema>;

/** Reads {@link ReasonedChecks}. */
export function readReasonedChecks(answer: ReasonedChecks) {
  return answer.checks.map((check) => ({
    number: check.n,
    matched: check.applies,
    rationale: check.why,
  }));
}

/** `{ applies: [n, …] }`: the cheapest answer — only the numbers that apply, no reasons. */
export const numberListSchema = numberListSchemaFor(undefined);
/** Answer of {@link numberListSchema}. */
export type NumberList = z.output<typeof numberListSchema>;

/** {@link numberListSchema} for a batch of `size` items: numbers bounded to 1..size. */
export function numberListSchemaFor(size: number | undefined) {
  return z.object({
    applies: z
      .array(itemNumberSchema(size))
      .describe('numbers of the items that apply; [] if none'),
  });
}

/**
 * Reads {@link NumberList} for a batch of `size` items: every item gets a verdict. If the answer
 * names an item that was not asked or one twice, the items it leaves out get an `error` instead
 * (unevaluated): nonsense is not "no".
 */
export function readNumberList(answer: NumberList, size: number): TaskVerdict[] {
  return readListed(
    answer.applies.map((n) => ({ number: n, matched: true })),
    size,
  );
}
/**
 * `{ applies: [{ n, why }] }`: only the items that apply, each with a short reason. The default
 * for reasoned tasks: usually few items apply, so the answer — and the output tokens that
 * dominate latency — stays small however large the batch, while each match keeps its reason.
 * Items left out are evaluated as not applying.
 */
export const matchesOnlySchema = matchesOnlySchemaFor(undefined);
/** Answer of {@link matchesOnlySchema}. */
export type MatchesOnly = z.output<typeof matchesOnlySchema>;

/** {@link matchesOnlySchema} for a batch of `size` items: item numbers bounded to 1..size. */
export function matchesOnlySchemaFor(size: number | undefined) {
  return itemAnswersSchema({
    list: 'applies',
    reason: { key: 'why', rule: VERDICT_REASON },
    verdict: {},
    size,
    description: 'only the items that apply; [] if none',
  });
}

/**
 * Reads {@link MatchesOnly} for a batch of `size` items: every item gets a verdict. If the
 * answer names an item that was not asked or one twice, the items it leaves out get an `error`
 * instead (unevaluated): "the model said no" and "the model answered nonsense" stay apart.
 */
export function readMatchesOnly(answer: MatchesOnly, size: number): TaskVerdict[] {
  return readListed(
    answer.applies.map((match) => ({ number: match.n, matched: true, rationale: match.why })),
    size,
  );
}

/**
 * `{ items: [{ n, reason, applies }] }`: a reason, then the verdict, for every item. Costs more
 * output than {@link matchesOnlySchema}, but a forgotten item is visible: used for small batches
 * and small models.
 */
export const perItemSchema = perItemSchemaFor(undefined);
/** Answer of {@link perItemSchema}. */
export type PerItemVerdicts = z.output<typeof perItemSchema>;

/** {@link perItemSchema} for a batch of `size` items: item numbers bounded to 1..size. */
export function perItemSchemaFor(size: number | undefined) {
  return itemAnswersSchema({
    list: 'items',
    reason: { key: 'reason', rule: VERDICT_REASON },
    verdict: { applies: z.boolean() },
    size,
    description: 'every item, in order',
  });
}

/**
 * Reads {@link PerItemVerdicts} for a batch of `size` items. An item without an answer, or
 * answered twice, gets an `error` (unevaluated), never a "no".
 */
export function readPerItem(answer: PerItemVerdicts, size: number): TaskVerdict[] {
  return readItemAnswers(answer.items, size).map(({ entry, error }, index) =>
    entry === undefined
      ? { number: index + 1, matched: false, error }
      : { number: index + 1, matched: entry.applies, rationale: entry.reason },
  );
}

/** Writes a fully reasoned example answer in the {@link PerItemVerdicts} form. */
export function asPerItem(answer: ReasonedChecks): PerItemVerdicts {
  return {
    items: answer.checks.map(({ n, why, applies }) => ({ n, reason: why, applies })),
  };
}

/** Writes a fully reasoned example answer in the terse {@link MatchesOnly} form. */
export function asMatchesOnly(answer: ReasonedChecks): MatchesOnly {
  return {
    applies: answer.checks.filter((check) => check.applies).map(({ n, why }) => ({ n, why })),
  };
}

/**
 * Verdicts of an answer that lists only what applies. Items left out count as "no" only when
 * the list is sound: an unasked or repeated number means the model may have meant another item.
 */
function readListed(listed: readonly TaskVerdict[], size: number): TaskVerdict[] {
  const counts = new Map<number, number>();
  for (const verdict of listed) counts.set(verdict.number, (counts.get(verdict.number) ?? 0) + 1);
  const unasked = [...counts.keys()].filter((n) => !isItemNumber(n, size));
  const repeated = [...counts.entries()].filter(([n, count]) => count > 1 && isItemNumber(n, size));
  const problems = [
    ...unasked.map((n) => `the model answered item ${n}, which was not asked (items 1 to ${size})`),
    ...repeated.map(([n]) => `the model answered item ${n} twice`),
  ];
  return Array.from({ length: size }, (_, index) => {
    const number = index + 1;
    const verdict = listed.find((entry) => entry.number === number);
    if (verdict !== undefined) return verdict;
    return problems.length === 0
      ? { number, matched: false }
      : { number, matched: false, error: problems.join('; ') };
  });
}
