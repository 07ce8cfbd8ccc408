import { ConfigurationError, type Embedder, type LanguageModel } from '@conduct/core';
import { reportedEmbedder, reportedLanguageModel } from './call-reporting.js';
import { OllamaEmbedder } from './ollama-embedder.js';
import { ollamaHostFromEnv } from './ollama-host.js';
import { OllamaLanguageModel } from './ollama-language-model.js';
import {
  isOllamaReachable,
  listOllamaModels,
  type OllamaModelInfo,
  type OllamaRequestOptions,
} from './ollama-models.js';
import type {
  OllamaContext,
  OllamaEmbedderSettings,
  OllamaLanguageModelSettings,
  OllamaProviderOptions,
} from './ollama-options.js';

/** Models and helpers for one Ollama server. */
export interface OllamaProvider {
  /** The resolved base URL, e.g. `http://127.0.0.1:11434`. */
  readonly host: string;
  /** A `LanguageModel` for an installed chat model, e.g. `llama3.2` or `qwen2.5:7b`. */
  languageModel(modelId: string, settings?: OllamaLanguageModelSettings): LanguageModel;
  /** An `Embedder` for an installed embedding model, e.g. `nomic-embed-text`. */
  embedder(modelId: string, settings?: OllamaEmbedderSettings): Embedder;
  /** The installed models (`ollama list`). */
  listModels(options?: OllamaRequestOptions): Promise<OllamaModelInfo[]>;
  /**
   * Whether Ollama answers at `host`, within `timeoutMs` (default 1000 ms). Never throws; cheap
   * enough to decide at startup whether to use Ollama.
   */
  isReachable(options?: OllamaRequestOptions): Promise<boolean>;
}

/**
 * Creates an Ollama provider.
 *
 * @example
 * const ollama = createOllama(); // OLLAMA_HOST or http://127.0.0.1:11434
 * const model = ollama.languageModel('llama3.2', { options: { num_ctx: 8192 } });
 * const embedder = ollama.embedder('nomic-embed-text');
 */
export function createOllama(options: OllamaProviderOptions = {}): OllamaProvider {
  const context = resolveContext(options);
  return {
    host: context.host,
    languageModel(modelId, settings) {
      checkModelId(modelId, 'languageModel');
      return reportedLanguageModel(new OllamaLanguageModel(context, modelId, settings), context);
    },
    embedder(modelId, settings) {
      checkModelId(modelId, 'embedder');
      return reportedEmbedder(new OllamaEmbedder(context, modelId, settings), context);
    },
    listModels: (requestOptions) => listOllamaModels(context, requestOptions),
    isReachable: (requestOptions) => isOllamaReachable(context, requestOptions),
  };
}

function resolveContext(options: OllamaProviderOptions): OllamaContext {
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

function checkModelId(modelId: string, method: string): void {
  if (typeof modelId !== 'string' || modelId.trim() === '') {
    throw new ConfigurationError(
      `ollama.${method}() needs a model name, e.g. 'llama3.2' (see \`ollama list\`)`,
    );
  }
}
