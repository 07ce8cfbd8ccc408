/** Options of {@link fitToBudget}. */
export interface FitToBudgetOptions<T> {
  /** Maximum total cost (usually tokens) of the kept items. */
  budget: number;
  /** Cost of one item; must be a non-negative number. Called at most once per item. */
  count: (item: T) => number;
  /**
   * Which end of the list to keep. `newest` (default) treats the last item as the newest and
   * keeps the longest run ending there; `oldest` keeps the longest run starting at the first.
   */
  keep?: 'newest' | 'oldest';
}

/** What {@link fitToBudget} kept. */
export interface FitToBudgetResult<T> {
  /** The kept items, in their original (chronological) order. */
  items: T[];
  /** How many items were left out. */
  dropped: number;
  /** Total cost of the kept items. */
  used: number;
}

/**
 * Keeps the newest items (by default) whose total cost fits within `budget` — the history
 * window of a prompt. `items` must be in chronological order, oldest first.
 *
 * The kept items are always contiguous: it stops at the first item that does not fit rather
 * than skipping it and taking older ones, because a conversation with a hole in it misleads the
 * model more than a shorter one. So when the newest item alone exceeds the budget, nothing is
 * kept and every item is reported as dropped; callers that must show the latest message
 * should truncate it first.
 */
export function fitToBudget<T>(
  items: readonly T[],
  options: FitToBudgetOptions<T>,
): FitToBudgetResult<T> {
  const newestFirst = (options.keep ?? 'newest') === 'newest';
  let used = 0;
  let kept = 0;
  while (kept < items.length) {
    const item = items[newestFirst ? items.length - 1 - kept : kept] as T;
    const cost = options.count(item);
    // Written as a negated `<=` so a NaN cost or budget keeps nothing instead of everything.
    if (!(used + cost <= options.budget)) break;
    used += cost;
    kept += 1;
  }
  return {
    items: newestFirst ? items.slice(items.length - kept) : items.slice(0, kept),
    dropped: items.length - kept,
    used,
  };
}
