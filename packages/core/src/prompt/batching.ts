import { formatNumberedList } from './format-list.js';
import { countTokens, type Tokenizer } from './tokenizer.js';

/** Options of {@link batchByTokenBudget} and {@link numberedBatches}. */
export interface BatchOptions {
  /** Most tokens of item text per batch. Default 2000. */
  budgetTokens?: number;
  /** Most items per batch, whatever their size. Default 24. */
  maxItems?: number;
}

/**
 * Splits items into batches by token budget (not a fixed count): small items share a call,
 * long ones get fewer neighbours. Order is kept; an item larger than the budget gets a batch
 * of its own. Fewer, fuller batches save the shared prompt prefix; more batches run in
 * parallel — the budget trades one against the other.
 */
export function batchByTokenBudget<T>(
  items: readonly T[],
  count: (item: T) => number,
  options: BatchOptions = {},
): T[][] {
  // Answers list only what applies, so a bigger batch costs few output tokens, while every
  // extra batch repeats the conversation in its prompt.
  const budget = options.budgetTokens ?? 2_000;
  const maxItems = options.maxItems ?? 24;
  const batches: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const cost = count(item);
    if (current.length > 0 && (used + cost > budget || current.length >= maxItems)) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += cost;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** One batch of {@link numberedBatches}. */
export interface NumberedBatch<T> {
  /** The items, in order; item `n` of the answer is `items[n - 1]`. */
  items: T[];
  /** The items as the model reads them: `1. …`, one per line (`formatNumberedList`). */
  list: string;
}

/** Options of {@link numberedBatches}. */
export interface NumberedBatchesOptions<T> extends BatchOptions {
  /** How an item is shown to the model (without its number); its tokens are its cost. */
  text: (item: T) => string;
  /** Counts the tokens of item texts. Default `o200kTokenizer` (needs `loadTokenizer()`). */
  tokenizer?: Tokenizer;
}

/**
 * The items of a narrow task, batched by the token budget of their text
 * ({@link batchByTokenBudget}) and numbered from 1 within each batch: each batch is one call,
 * whose answer refers to items by those numbers (bound them with `itemNumberSchema`, read
 * them with `readItemAnswers`). Each item's text is rendered once, for counting and showing.
 */
export function numberedBatches<T>(
  items: readonly T[],
  options: NumberedBatchesOptions<T>,
): NumberedBatch<T>[] {
  const texts = items.map((item) => ({ item, text: options.text(item) }));
  return batchByTokenBudget(texts, ({ text }) => countTokens(text, options.tokenizer), options).map(
    (batch) => ({
      items: batch.map(({ item }) => item),
      list: formatNumberedList(batch.map(({ text }) => text)),
    }),
  );
}
