/**
 * `@conduct/adapters-anthropic`: Conduct's `LanguageModel` port over the Anthropic Messages API
 * (`@anthropic-ai/sdk`), with structured output through forced tool use, streaming, prompt
 * caching of the static prompt prefix, retries, timeouts and cost accounting.
 *
 * @packageDocumentation
 */
export type {
  AnthropicCallRecord,
  AnthropicModelSettings,
  AnthropicProviderOptions,
} from './anthropic-options.js';
export { type AnthropicProvider, createAnthropic } from './anthropic-provider.js';
