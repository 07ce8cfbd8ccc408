import type { ModelUsage } from './language-model.js';

/** The sum of two usages, e.g. a first attempt and its repair attempt. */
export function addUsage(a: Readonly<ModelUsage>, b: Readonly<ModelUsage>): ModelUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
  };
}
