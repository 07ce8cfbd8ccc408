import { ConfigurationError, type Embedder, type LanguageModel } from '@conduct/core';
import { createOllamaContext } from './ollama-context.js';
import { createEmbedder } from './ollama-embedder.js';
import { createLanguageModel } from './ollama-language-model.js';
import {
  isOllamaReachable,
  listOllamaModels,
  type OllamaModelInfo,
  type OllamaRequestOptions,
} from './ollama-models.js';
import type {
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
  const context = createOllamaContext(options);
  return {
    host: context.host,
    languageModel(modelId, settings) {
      checkModelId(modelId, 'languageModel');
      return createLanguageModel(context, modelId, settings);
    },
    embedder(modelId, settings) {
      checkModelId(modelId, 'embedder');
      return createEmbedder(context, modelId, settings);
    },
    listModels: (requestOptions) => listOllamaModels(context, requestOptions),
    isReachable: (requestOptions) => isOllamaReachable(context, requestOptions),
  };
}

function checkModelId(modelId: string, method: string): void {
  if (typeof modelId !== 'string' || modelId.trim() === '') {
    throw new ConfigurationError(
      `ollama.${method}() needs a model name, e.g. 'llama3.2' (see \`ollama list\`)`,
    );
  }
}
