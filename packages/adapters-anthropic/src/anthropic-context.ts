import type Anthropic from '@anthropic-ai/sdk';
import type { PriceTable, RetryOptions } from '@conduct/core';
import type {
  AnthropicCallRecord,
  AnthropicModelSettings,
  AnthropicProviderOptions,
} from './anthropic-options.js';

/** What one provider instance shares with all its models: the SDK client and the options. */
export interface AnthropicContext {
  readonly client: Anthropic;
  readonly options: AnthropicProviderOptions;
}

/** Everything one model of the provider needs, resolved from provider options and settings. */
export interface ModelConfig {
  client: Anthropic;
  modelId: string;
  maxOutputTokens: number;
  promptCaching: boolean;
  timeoutMs: number | undefined;
  retry: RetryOptions | undefined;
  prices: PriceTable | undefined;
  onCall: ((record: AnthropicCallRecord) => unknown) | undefined;
}

const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

/** The {@link ModelConfig} of `modelId`: its settings over the provider's options over defaults. */
export function resolveModelConfig(
  context: AnthropicContext,
  modelId: string,
  settings: AnthropicModelSettings,
): ModelConfig {
  const { client, options } = context;
  return {
    client,
    modelId,
    maxOutputTokens:
      settings.maxOutputTokens ?? options.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
    promptCaching: settings.promptCaching ?? options.promptCaching ?? true,
    timeoutMs: settings.timeoutMs ?? options.timeoutMs,
    retry: options.retry,
    prices: options.prices,
    onCall: options.onCall,
  };
}
