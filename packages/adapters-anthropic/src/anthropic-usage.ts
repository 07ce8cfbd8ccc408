import type { ModelUsage } from '@conduct/core';

/** Usage counters as the Messages API reports them (any may be missing or `null`). */
export interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/**
 * Maps Anthropic usage to the port's. Anthropic's `input_tokens` counts only the input after
 * the last cache breakpoint, so `inputTokens` here is the TOTAL input: `input_tokens +
 * cache_read_input_tokens + cache_creation_input_tokens`, as with other vendors;
 * `cachedInputTokens` (cache reads) and `cacheWriteTokens` (cache writes) are parts of it.
 */
export function toModelUsage(usage: AnthropicUsage | null | undefined): ModelUsage {
  const cachedInputTokens = usage?.cache_read_input_tokens ?? 0;
  const cacheWriteTokens = usage?.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: (usage?.input_tokens ?? 0) + cachedInputTokens + cacheWriteTokens,
    outputTokens: usage?.output_tokens ?? 0,
    cachedInputTokens,
    cacheWriteTokens,
  };
}

/**
 * Folds a streamed `message_delta` usage into what `message_start` reported: the delta's
 * counts are cumulative, so each one it carries replaces the earlier value.
 */
export function mergeStreamUsage(start: AnthropicUsage, delta: AnthropicUsage): AnthropicUsage {
  return {
    input_tokens: delta.input_tokens ?? start.input_tokens ?? null,
    output_tokens: delta.output_tokens ?? start.output_tokens ?? null,
    cache_read_input_tokens: delta.cache_read_input_tokens ?? start.cache_read_input_tokens ?? null,
    cache_creation_input_tokens:
      delta.cache_creation_input_tokens ?? start.cache_creation_input_tokens ?? null,
  };
}
