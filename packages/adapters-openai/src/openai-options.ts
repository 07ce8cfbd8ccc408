import type { AdapterCallRecord, FetchFunction, PriceTable, RetryOptions } from '@conduct/core';

/**
 * How structured calls (`generateObject`) ask for JSON:
 * - `strict`: `response_format: json_schema` built from the zod schema, with `strict: true`
 *   whenever strict mode can express the schema (otherwise the same schema with `strict: false`);
 * - `json-mode`: `response_format: json_object` with the JSON Schema written into the prompt,
 *   for OpenAI-compatible servers without schema support;
 * - `auto`: like `strict` until a server rejects `json_schema` (HTTP 400/404/415/422/501 naming
 *   the response format), then `json-mode` for every later call of the same provider instance.
 *
 * Every mode validates the output with the zod schema and makes one repair attempt.
 */
export type StructuredOutputMode = 'strict' | 'json-mode' | 'auto';

/**
 * What `onCall` receives once per call (`generateObject`, `streamText`, `embed`): core's
 * `AdapterCallRecord` — task, trace id, prompt, raw output or error, usage summed over every
 * billed response of the call, timing, `costUsd`, `requests` and `responseModel`. `model` is
 * the configured id (as on the call's result).
 */
export interface OpenAICallRecord extends AdapterCallRecord {}

/** Options of `createOpenAI`. Every option is optional. */
export interface OpenAIProviderOptions {
  /**
   * API key. Default: the `OPENAI_API_KEY` environment variable, read at the first call.
   * Required for OpenAI itself; a server at a custom `baseURL` may do without one, in which
   * case no `Authorization` header is sent.
   */
  apiKey?: string;
  /**
   * Base URL of the API, e.g. `http://localhost:8000/v1` for vLLM. Default: the
   * `OPENAI_BASE_URL` environment variable, else `https://api.openai.com/v1`.
   */
  baseURL?: string;
  /** OpenAI organization id (default: `OPENAI_ORG_ID`). */
  organization?: string;
  /** OpenAI project id (default: `OPENAI_PROJECT_ID`). */
  project?: string;
  /** Extra headers sent with every request (e.g. OpenRouter's `HTTP-Referer`). */
  headers?: Record<string, string>;
  /** `fetch` to use instead of the global one; passed through to the SDK. */
  fetch?: FetchFunction;
  /**
   * Retries of 429 / 5xx / connection errors (core's `withRetries`: exponential backoff with
   * jitter, honouring `Retry-After`). The SDK's own retries are off.
   */
  retry?: RetryOptions;
  /** Timeout of each call in milliseconds when the request sets no `timeoutMs`. Default: none. */
  timeoutMs?: number;
  /** Prices by model id (USD per million tokens), for `costUsd` in `onCall`. Conduct ships none. */
  prices?: PriceTable;
  /**
   * Called once per finished or failed call with its usage and cost. It must not throw: what it
   * throws (or rejects) is ignored, so accounting can never fail a call.
   */
  onCall?: (record: OpenAICallRecord) => unknown;
  /** How structured calls ask for JSON. Default `strict`. */
  structuredOutputs?: StructuredOutputMode;
  /**
   * Request field that carries `maxOutputTokens`. Default `max_completion_tokens` (OpenAI's
   * current name, required by reasoning models); older compatible servers want `max_tokens`.
   */
  maxTokensParameter?: 'max_completion_tokens' | 'max_tokens';
  /** Provider name reported by models and in errors, e.g. `openrouter`. Default `openai`. */
  name?: string;
}

/** Per-model settings of `provider.languageModel(modelId, settings)`. */
export interface OpenAILanguageModelSettings {
  /** Overrides the provider's `structuredOutputs` for this model. */
  structuredOutputs?: StructuredOutputMode;
  /** Temperature when the request sets none. */
  temperature?: number;
  /** Output token limit when the request sets none. */
  maxOutputTokens?: number;
  /**
   * Extra request-body fields for server-specific parameters (e.g. vLLM's `top_k`,
   * OpenRouter's `provider`). Merged last, so they can override any field.
   */
  extraBody?: Record<string, unknown>;
}

/** Per-model settings of `provider.embedder(modelId, settings)`. */
export interface OpenAIEmbedderSettings {
  /** Vector length to ask for (`text-embedding-3-*` can shorten vectors); declared on the embedder. */
  dimensions?: number;
  /** Texts per request; larger inputs are sent as consecutive batches. Default 2048 (OpenAI's limit). */
  maxBatchSize?: number;
}
