import type { ModelUsage } from '@conduct/core';
import type { CompletionUsage } from 'openai/resources/completions';

/**
 * Maps Chat Completions usage to Conduct's: `prompt_tokens` → input (cached tokens included,
 * as in OpenAI's accounting), `prompt_tokens_details.cached_tokens` → cached input,
 * `prompt_tokens_details.cache_write_tokens` → cache writes. Missing counts are 0.
 */
export function toModelUsage(usage: CompletionUsage | null | undefined): ModelUsage {
  return {
    inputTokens: count(usage?.prompt_tokens),
    outputTokens: count(usage?.completion_tokens),
    cachedInputTokens: count(usage?.prompt_tokens_details?.cached_tokens),
    cacheWriteTokens: count(usage?.prompt_tokens_details?.cache_write_tokens),
  };
}

/** A token count as a non-negative integer (compatible servers sometimes send nonsense). */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
