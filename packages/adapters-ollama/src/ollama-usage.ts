import type { ModelUsage } from '@conduct/core';

/** Ollama's token counters, as `/api/chat` and `/api/embed` report them. */
export interface OllamaUsage {
  prompt_eval_count?: unknown;
  eval_count?: unknown;
}

/**
 * Token usage from Ollama's counters. Ollama omits a counter that is 0 (e.g. when the whole
 * prompt was served from its cache) and does not report cached tokens separately.
 */
export function toModelUsage(usage: OllamaUsage): ModelUsage {
  return {
    inputTokens: count(usage.prompt_eval_count),
    outputTokens: count(usage.eval_count),
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
  };
}

/** A non-negative integer count, 0 when missing or nonsense. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}
