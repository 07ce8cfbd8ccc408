/** Options of {@link batchByTokenBudget}. */
export interface BatchOptions {
  /** Most tokens of item text per batch. Default 2000. */
  budgetTokens?: number;
  /** Most items per batch, whatever their size. Default 24. */
  maxItems?: number;
}

/**
 * Splits items into batches by token budget (not a fixed count): small guidelines share a
 * call, long ones get fewer neighbours. Order is kept; an item larger than the budget gets a
 * batch of its own. Fewer, fuller batches save the shared prompt prefix; more batches run in
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
