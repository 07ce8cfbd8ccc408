import { z } from 'zod';
import { itemNumberSchema } from './item-number.js';
import type { ReasonFirst } from './reason-first.js';

/** The fields of one entry of {@link itemAnswersSchema}: `n`, the reason, then the verdict. */
export type ItemAnswerShape<R extends string, V extends z.ZodRawShape> = {
  n: z.ZodNumber;
} & { [K in R]: z.ZodString } & V;

/** The schema {@link itemAnswersSchema} builds. */
export type ItemAnswersSchema<
  L extends string,
  R extends string,
  V extends z.ZodRawShape,
> = z.ZodObject<{ [K in L]: z.ZodArray<z.ZodObject<ItemAnswerShape<R, V>>> }>;

/** Options of {@link itemAnswersSchema}. */
export interface ItemAnswersSchemaOptions<
  L extends string,
  R extends string,
  V extends z.ZodRawShape,
> {
  /** Key of the answer's list, e.g. `items` or `checks`. */
  list: L;
  /** Key of each entry's reason (e.g. `why`) and the rule its word limit comes from. */
  reason: { key: R; rule: ReasonFirst };
  /** The verdict fields, written after the reason; `{}` when being listed is the verdict. */
  verdict: V;
  /** The batch size: item numbers bounded to 1..size. Without it, any integer. */
  size?: number;
  /** Description of the list, e.g. `every item, in order`. */
  description?: string;
}

/**
 * The answer of a task about numbered items: `{ <list>: [{ n, <reason>, …verdict }] }`. One
 * shape for every such task: the item number first, bounded to the batch when `size` is given
 * (see `itemNumberSchema`), then a short reason, then the verdict fields, so the model
 * reasons before it decides (see `reasonFirst`).
 */
export function itemAnswersSchema<
  const L extends string,
  const R extends string,
  V extends z.ZodRawShape,
>(options: ItemAnswersSchemaOptions<L, R, V>): ItemAnswersSchema<L, R, V> {
  const entry = z.object({
    n: itemNumberSchema(options.size),
    [options.reason.key]: options.reason.rule.field(),
    ...options.verdict,
  });
  const list = z.array(entry);
  return z.object({
    [options.list]: options.description === undefined ? list : list.describe(options.description),
  }) as unknown as ItemAnswersSchema<L, R, V>;
}

/** The answer about one item: its entry, or why the answer gave none usable. */
export type ItemAnswer<E> = { entry: E; error?: undefined } | { entry?: undefined; error: string };

/** Options of {@link readItemAnswers}. */
export interface ReadItemAnswersOptions {
  /** The error of an item the answer left out. Default `the model gave no verdict for it`. */
  missing?: string;
}

/**
 * Reads an answer that must cover every item of a batch of `size`: one result per item, in
 * batch order. An item left out or answered twice gets an `error`, never a guessed verdict
 * ("the model said no" and "the model answered nonsense" stay apart); when the answer also
 * named items that were not asked, the error says so.
 */
export function readItemAnswers<E extends { n: number }>(
  entries: readonly E[],
  size: number,
  options: ReadItemAnswersOptions = {},
): ItemAnswer<E>[] {
  const counts = new Map<number, number>();
  for (const entry of entries) counts.set(entry.n, (counts.get(entry.n) ?? 0) + 1);
  const unasked = [...counts.keys()].filter((n) => !isItemNumber(n, size));
  const missing =
    (options.missing ?? 'the model gave no verdict for it') +
    unasked
      .map((n) => `; it answered item ${n}, which was not asked (items 1 to ${size})`)
      .join('');
  return Array.from({ length: size }, (_, index): ItemAnswer<E> => {
    const number = index + 1;
    const entry = entries.find((candidate) => candidate.n === number);
    if (entry === undefined) return { error: missing };
    if ((counts.get(number) ?? 0) > 1) return { error: `the model answered item ${number} twice` };
    return { entry };
  });
}

/** Whether `n` is the number of an item of a batch of `size`. */
export function isItemNumber(n: number, size: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= size;
}
