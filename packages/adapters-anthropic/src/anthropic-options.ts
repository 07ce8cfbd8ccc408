import type { AdapterCallRecord, FetchFunction, PriceTable, RetryOptions } from '@conduct/core';

/** Options of {@link createAnthropic}. Every option is optional; env vars fill the gaps. */
export interface AnthropicProviderOptions {
  /** API key. Defaults to the `ANTHROPIC_API_KEY` environment variable. */
  apiKey?: string;
  /**
   * Base URL of the Messages API (a proxy, a gateway, a test server). Defaults to the
   * `ANTHROPIC_BASE_URL` environment variable, then `https://api.anthropic.com`.
   */
  baseURL?: string;
  /** `fetch` implementation, for tests and proxies. Defaults to the global `fetch`. */
  fetch?: FetchFunction;
  /** Extra headers sent with every request (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  /**
   * Retries on 429, 529, 5xx and connection errors, with exponential backoff and jitter that
   * honours `Retry-After` (core's `withRetries`; the SDK's own retries are off).
   */
  retry?: RetryOptions;
  /** Default per-call timeout in milliseconds for calls that set no `timeoutMs`. None by default. */
  timeoutMs?: number;
  /**
   * Default `max_tokens` (Anthropic requires one) for calls that set no `maxOutputTokens`.
   * Default 4096.
   */
  maxOutputTokens?: number;
  /**
   * Mark the end of each prompt's static prefix (the message with `cacheBreakpoint: true`)
   * with `cache_control: { type: 'ephemeral' }`, so Anthropic caches it. Default true.
   */
  promptCaching?: boolean;
  /** Prices by model id, so {@link AnthropicCallRecord.costUsd} can be computed. */
  prices?: PriceTable;
  /**
   * Called once per finished or failed call with its usage and cost. It must not throw:
   * what it throws (or rejects) is ignored, so accounting can never fail a call.
   */
  onCall?: (record: AnthropicCallRecord) => unknown;
}

/** Per-model overrides of the provider's defaults, for `provider.languageModel(id, settings)`. */
export interface AnthropicModelSettings {
  /** Default `max_tokens` for this model. */
  maxOutputTokens?: number;
  /** Default per-call timeout for this model. */
  timeoutMs?: number;
  /** Whether to mark the static prompt prefix for caching. */
  promptCaching?: boolean;
}

/**
 * What {@link AnthropicProviderOptions.onCall} receives once per call: core's
 * `AdapterCallRecord` — task, trace id, prompt, raw output or error, usage summed over every
 * billed response of the call, timing, `costUsd`, `requests` and `responseModel`. `model` is the
 * id of the model that answered (as on the call's result), else the configured one.
 */
export interface AnthropicCallRecord extends AdapterCallRecord {}
