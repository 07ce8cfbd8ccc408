/**
 * `@conduct/adapters-ollama`: Conduct's `LanguageModel` and `Embedder` ports over a local (or
 * remote) Ollama server, plus helpers to list installed models and check that Ollama is up.
 *
 * @packageDocumentation
 */

export { OLLAMA_PROVIDER } from './ollama-context.js';
export { DEFAULT_OLLAMA_HOST, ollamaHostFromEnv, resolveOllamaHost } from './ollama-host.js';
export type { OllamaModelInfo, OllamaRequestOptions } from './ollama-models.js';
export type {
  OllamaCallListener,
  OllamaCallRecord,
  OllamaEmbedderSettings,
  OllamaKeepAlive,
  OllamaLanguageModelSettings,
  OllamaModelOptions,
  OllamaProviderOptions,
} from './ollama-options.js';
export { createOllama, type OllamaProvider } from './ollama-provider.js';
