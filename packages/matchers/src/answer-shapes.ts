import { z } from 'zod';
import type { TaskVerdict } from './matching-task.js';

/** `{ checks: [{ n, why, applies }] }`: a short reason before each verdict, where it pays. */
export const reasonedChecksSchema = z.object({
  checks: z.array(
    z.object({
      n: z.number().int().describe('item number'),
      why: z.string().describe('at most 15 words'),
      applies: z.boolean(),
    }),
  ),
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
export const numberListSchema = z.object({
  applies: z.array(z.number().int()).describe('numbers of the items that apply; [] if none'),
});
/** Answer of {@link numberListSchema}. */
export type NumberList = z.output<typeof numberListSchema>;

/** {@link numberListSchema} for a batch of `size` items: numbers bounded to 1..size. */
export function numberListSchemaFor(size: number) {
  return z.object({
    applies: z.array(itemNumber(size)).describe('numbers of the items that apply; [] if none'),
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
export const matchesOnlySchema = z.object({
  applies: z
    .array(
      z.object({
        n: z.number().int().describe('item number'),
        why: z.string().describe('at most 12 words'),
      }),
    )
    .describe('only the items that apply; [] if none'),
});
/** Answer of {@link matchesOnlySchema}. */
export type MatchesOnly = z.output<typeof matchesOnlySchema>;

/** {@link matchesOnlySchema} for a batch of `size` items: item numbers bounded to 1..size. */
export function matchesOnlySchemaFor(size: number) {
  return z.object({
    applies: z
      .array(
        z.object({
          n: itemNumber(size),
          why: z.string().describe('at most 12 words'),
        }),
      )
      .describe('only the items that apply; [] if none'),
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
export const perItemSchema = perItemSchemaOf(z.number().int().describe('item number'));
/** Answer of {@link perItemSchema}. */
export type PerItemVerdicts = z.output<typeof perItemSchema>;

/** {@link perItemSchema} for a batch of `size` items: item numbers bounded to 1..size. */
export function perItemSchemaFor(size: number) {
  return perItemSchemaOf(itemNumber(size));
}

function perItemSchemaOf(n: z.ZodNumber) {
  return z.object({
    items: z
      .array(
        z.object({
          n,
          reason: z.string().describe('at most 12 words'),
          applies: z.boolean(),
        }),
      )
      .describe('every item, in order'),
  });
}

/**
 * Reads {@link PerItemVerdicts} for a batch of `size` items. An item without an answer, or
 * answered twice, gets an `error` (unevaluated), never a "no".
 */
export function readPerItem(answer: PerItemVerdicts, size: number): TaskVerdict[] {
  const seen = new Map<number, number>();
  for (const item of answer.items) seen.set(item.n, (seen.get(item.n) ?? 0) + 1);
  const unasked = [...seen.keys()].filter((n) => !isAsked(n, size));
  const verdicts: TaskVerdict[] = [];
  for (let number = 1; number <= size; number++) {
    const count = seen.get(number) ?? 0;
    const item = answer.items.find((entry) => entry.n === number);
    if (item === undefined) {
      verdicts.push({ number, matched: false, error: missingReason(unasked, size) });
    } else if (count > 1) {
      verdicts.push({ number, matched: false, error: `the model answered item ${number} twice` });
    } else {
      verdicts.push({ number, matched: item.applies, rationale: item.reason });
    }
  }
  return verdicts;
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
 * An item number of a batch of `size`: the JSON schema shows the bounds, validation enforces
 * them (an unasked number fails validation, so the model port's repair attempt can fix it).
 */
export function itemNumber(size: number) {
  return z
    .number()
    .int()
    .min(1, { error: (issue) => unaskedMessage(issue.input, size) })
    .max(size, { error: (issue) => unaskedMessage(issue.input, size) })
    .describe('item number');
}

function unaskedMessage(input: unknown, size: number): string {
  return `item ${String(input)} was not asked: the items are numbered 1 to ${size}`;
}

function isAsked(n: number, size: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= size;
}

/**
 * Verdicts of an answer that lists only what applies. Items left out count as "no" only when
 * the list is sound: an unasked or repeated number means the model may have meant another item.
 */
function readListed(listed: readonly TaskVerdict[], size: number): TaskVerdict[] {
  const counts = new Map<number, number>();
  for (const verdict of listed) counts.set(verdict.number, (counts.get(verdict.number) ?? 0) + 1);
  const unasked = [...counts.keys()].filter((n) => !isAsked(n, size));
  const repeated = [...counts.entries()].filter(([n, count]) => count > 1 && isAsked(n, size));
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

function missingReason(unasked: readonly number[], size: number): string {
  const extra = unasked.map(
    (n) => `; it answered item ${n}, which was not asked (items 1 to ${size})`,
  );
  return `the model gave no verdict for it${extra.join('')}`;
}
