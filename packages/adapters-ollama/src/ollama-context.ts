import {
  ConfigurationError,
  type FetchFunction,
  type PriceTable,
  type RetryOptions,
} from '@conduct/core';
import { ollamaHostFromEnv } from './ollama-host.js';
import type {
  OllamaCallListener,
  OllamaKeepAlive,
  OllamaModelOptions,
  OllamaProviderOptions,
} from './ollama-options.js';

/** Provider name every Ollama model and embedder reports. */
export const OLLAMA_PROVIDER = 'ollama';

/** The provider options after defaults: what one provider's models share. */
export interface OllamaContext {
  host: string;
  fetch: FetchFunction;
  headers: Readonly<Record<string, string>>;
  retry: RetryOptions | undefined;
  timeoutMs: number | undefined;
  keepAlive: OllamaKeepAlive | undefined;
  options: OllamaModelOptions | undefined;
  prices: PriceTable | undefined;
  onCall: OllamaCallListener | undefined;
}

/**
 * Resolves the options of one `createOllama` call: the host from `OLLAMA_HOST` when not given,
 * the global `fetch` when none is injected. Throws `ConfigurationError` for invalid options.
 */
export function createOllamaContext(options: OllamaProviderOptions): OllamaContext {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw new ConfigurationError('createOllama needs a `fetch` (none is global here)');
  }
  const { timeoutMs } = options;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    throw new ConfigurationError(`createOllama: timeoutMs must be positive, got ${timeoutMs}`);
  }
  return {
    host: ollamaHostFromEnv(options.host),
    // Called unbound: some fetch implementations throw when `this` is not the global object.
    fetch: (input, init) => fetchImpl(input, init),
    headers: { ...options.headers },
    retry: options.retry,
    timeoutMs,
    keepAlive: options.keepAlive,
    options: options.options,
    prices: options.prices,
    onCall: options.onCall,
  };
}
