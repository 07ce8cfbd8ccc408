import Anthropic from '@anthropic-ai/sdk';
import { ConfigurationError, type LanguageModel } from '@conduct/core';
import type { AnthropicContext } from './anthropic-context.js';
import { createLanguageModel } from './anthropic-language-model.js';
import type { AnthropicModelSettings, AnthropicProviderOptions } from './anthropic-options.js';

/** Creates Anthropic models that share one client and one set of options. */
export interface AnthropicProvider {
  /**
   * A {@link LanguageModel} for `modelId` (e.g. `claude-haiku-4-5`), with optional per-model
   * overrides of the provider's defaults.
   */
  languageModel(modelId: string, settings?: AnthropicModelSettings): LanguageModel;
  /** The base URL requests go to. */
  readonly baseURL: string;
}

const DEFAULT_BASE_URL = 'https://api.anthropic.com';
// A backstop only: per-call timeouts come from `timeoutMs` via core's call deadline. Setting it
// also stops the SDK from refusing non-streaming calls with a large `max_tokens`.
const SDK_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Creates the Anthropic provider. Options fall back to `ANTHROPIC_API_KEY` and
 * `ANTHROPIC_BASE_URL`; a missing key or an invalid option throws `ConfigurationError` at once.
 * The SDK's own retries are off: calls retry through core's `withRetries` (see `retry`).
 *
 * @example
 * const anthropic = createAnthropic({ prices: { 'claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 } } });
 * const model = anthropic.languageModel('claude-haiku-4-5');
 */
export function createAnthropic(options: AnthropicProviderOptions = {}): AnthropicProvider {
  const apiKey = options.apiKey ?? env('ANTHROPIC_API_KEY');
  if (apiKey === undefined || apiKey.trim() === '') {
    throw new ConfigurationError(
      'Anthropic API key is missing: set the ANTHROPIC_API_KEY environment variable or pass `apiKey` to createAnthropic()',
    );
  }
  const baseURL = options.baseURL ?? env('ANTHROPIC_BASE_URL') ?? DEFAULT_BASE_URL;
  assertPositiveInteger('maxOutputTokens', options.maxOutputTokens);
  assertPositiveNumber('timeoutMs', options.timeoutMs);
  const client = new Anthropic({
    apiKey,
    baseURL,
    maxRetries: 0,
    timeout: SDK_TIMEOUT_MS,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.headers === undefined ? {} : { defaultHeaders: options.headers }),
  });
  const context: AnthropicContext = { client, options };

  return {
    baseURL,
    languageModel(modelId, settings = {}) {
      if (typeof modelId !== 'string' || modelId.trim() === '') {
        throw new ConfigurationError(
          'anthropic.languageModel() needs a model id, e.g. claude-haiku-4-5',
        );
      }
      assertPositiveInteger('maxOutputTokens', settings.maxOutputTokens);
      assertPositiveNumber('timeoutMs', settings.timeoutMs);
      return createLanguageModel(context, modelId, settings);
    },
  };
}

// Read defensively: runtimes without `process` (edge, browsers) simply have no env fallback.
function env(name: string): string | undefined {
  const value = globalThis.process?.env?.[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

function assertPositiveInteger(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new ConfigurationError(
      `Anthropic option \`${name}\` must be a positive integer (got ${value})`,
    );
  }
}

function assertPositiveNumber(name: string, value: number | undefined): void {
  if (value !== undefined && !(value > 0)) {
    throw new ConfigurationError(`Anthropic option \`${name}\` must be positive (got ${value})`);
  }
}
