/**
 * `@conduct/adapters-ollama`: Conduct's `LanguageModel` and `Embedder` ports over a local (or
 * remote) Ollama server, plus helpers to list installed models and check that Ollama is up.
 *
 * @packageDocumentation
 */
export { createOllama, type OllamaProvider } from './create-ollama.js';
export { DEFAULT_OLLAMA_HOST, ollamaHostFromEnv, resolveOllamaHost } from './ollama-host.js';
export { OLLAMA_PROVIDER } from './ollama-language-model.js';
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
