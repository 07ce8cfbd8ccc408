import type { ModelUsage } from './language-model.js';

/** Prices of one model in US dollars per million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
  /** Price of input tokens read from the prompt cache; defaults to the input price. */
  cachedInputPerMillion?: number;
  /** Price of input tokens written to the prompt cache; defaults to the input price. */
  cacheWritePerMillion?: number;
}

/** Prices by model id, supplied by the user (prices change; Conduct ships none). */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/**
 * The cost of one call in US dollars, or `undefined` when the table has no price for the
 * model. Cached and cache-write tokens are priced separately from the rest of the input.
 */
export function computeCost(
  usage: ModelUsage,
  model: string,
  prices: PriceTable | undefined,
): number | undefined {
  const price = prices?.[model];
  if (price === undefined) return undefined;
  const uncachedInput = Math.max(
    0,
    usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens,
  );
  return (
    (uncachedInput * price.inputPerMillion +
      usage.cachedInputTokens * (price.cachedInputPerMillion ?? price.inputPerMillion) +
      usage.cacheWriteTokens * (price.cacheWritePerMillion ?? price.inputPerMillion) +
      usage.outputTokens * price.outputPerMillion) /
    1_000_000
  );
}
