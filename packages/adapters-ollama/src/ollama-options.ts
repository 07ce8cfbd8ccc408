import type { AdapterCallRecord, FetchFunction, PriceTable, RetryOptions } from '@conduct/core';
import type { Options } from 'ollama/browser';

/**
 * Ollama model options sent as `options` on every request (`num_ctx`, `temperature`, `seed`,
 * `num_gpu`, …), as typed by the `ollama` client.
 */
export type OllamaModelOptions = Partial<Options>;

/** How long Ollama keeps a model loaded after a request: a duration (`'10m'`), seconds, or -1. */
export type OllamaKeepAlive = string | number;

/**
 * A finished or failed call, as given to `onCall`: core's `AdapterCallRecord` — task, trace id,
 * prompt, raw output or error, usage summed over every response of the call, timing, `costUsd`
 * (from `prices`; `undefined` when the model has no price), `requests` and `responseModel`.
 * `model` is the id of the model that answered (as on the call's result), else the configured one.
 */
export interface OllamaCallRecord extends AdapterCallRecord {}

/** Receives one record per call; what it throws or rejects is ignored. */
export type OllamaCallListener = (record: OllamaCallRecord) => unknown;

/** Options of `createOllama`. */
export interface OllamaProviderOptions {
  /**
   * Ollama's address: `http(s)://host:port[/path]` or, as with the `ollama` CLI, `host[:port]`.
   * Default: the `OLLAMA_HOST` environment variable, else `http://127.0.0.1:11434`.
   */
  host?: string;
  /** The `fetch` used for every request (tests, proxies, instrumentation). Default: global. */
  fetch?: FetchFunction;
  /** Headers added to every request, e.g. `Authorization` for Ollama behind a reverse proxy. */
  headers?: Readonly<Record<string, string>>;
  /** Retries of 429 / 5xx / connection errors (exponential backoff with jitter). */
  retry?: RetryOptions;
  /**
   * Timeout of one call (including retries and the repair attempt) when the call sets none.
   * Default: none. The engine gives its calls their own timeouts.
   */
  timeoutMs?: number;
  /** `keep_alive` of every request (how long the model stays loaded). Default: Ollama's. */
  keepAlive?: OllamaKeepAlive;
  /** Model options of every request (`num_ctx`, …); per-model settings and calls override. */
  options?: OllamaModelOptions;
  /** Prices by model id, for `costUsd` in `onCall` records (local models usually cost 0). */
  prices?: PriceTable;
  /** Called once per finished or failed call (generation, stream or embedding). */
  onCall?: OllamaCallListener;
}

/** Per-model settings of `provider.languageModel(id, settings)`. */
export interface OllamaLanguageModelSettings {
  /** Model options merged over the provider's; a call's `temperature`/`maxOutputTokens` win. */
  options?: OllamaModelOptions;
  /** `keep_alive` for this model, instead of the provider's. */
  keepAlive?: OllamaKeepAlive;
  /**
   * `think` for reasoning models (qwen3, deepseek-r1, gpt-oss): `false` skips the thinking
   * phase, which narrow matching tasks rarely need. Thinking text is never part of the output.
   * Default: the model's own behaviour.
   */
  think?: boolean | 'low' | 'medium' | 'high';
}

/** Per-model settings of `provider.embedder(id, settings)`. */
export interface OllamaEmbedderSettings {
  /**
   * Vector length to ask for (`dimensions`, for models that can shorten their vectors); also
   * declared as the embedder's `dimensions`. Default: the model's own length, not declared.
   */
  dimensions?: number;
  /** Most texts sent in one `/api/embed` request; longer lists are split. Default 256. */
  batchSize?: number;
  /**
   * Whether Ollama may cut texts longer than the model's context (`truncate`). Default: Ollama's
   * (it truncates).
   */
  truncate?: boolean;
  /** Model options merged over the provider's. */
  options?: OllamaModelOptions;
  /** `keep_alive` for this model, instead of the provider's. */
  keepAlive?: OllamaKeepAlive;
}
