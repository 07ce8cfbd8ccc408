import {
  ConfigurationError,
  createTextStream,
  type GenerateObjectResult,
  type LanguageModel,
} from '@conduct/core';

/** What a turn's `error` status says when no provider is configured. */
export const NO_PROVIDER_MESSAGE =
  'No language model is configured, so the agent cannot reply. Set OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server such as vLLM or LM Studio), or ANTHROPIC_API_KEY, or start Ollama (`ollama serve`; set OLLAMA_HOST if it does not listen on http://127.0.0.1:11434), then restart the server. CONDUCT_MODEL picks the model.';

/**
 * The model used when no provider is configured: the server still starts and serves the API,
 * and every call rejects with a `ConfigurationError` saying what to set, which the engine turns
 * into the turn's `error` status.
 */
export function createUnconfiguredModel(message: string = NO_PROVIDER_MESSAGE): LanguageModel {
  return {
    provider: 'none',
    modelId: 'none',
    generateObject<T>(): Promise<GenerateObjectResult<T>> {
      return Promise.reject(new ConfigurationError(message));
    },
    streamText() {
      return createTextStream(() => Promise.reject(new ConfigurationError(message)));
    },
  };
}
