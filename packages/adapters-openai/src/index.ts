/**
 * `@conduct/adapters-openai`: Conduct's `LanguageModel`, `Embedder` and `Moderator` over the
 * `openai` SDK's Chat Completions, embeddings and moderations APIs, for OpenAI and any
 * OpenAI-compatible server (vLLM, LM Studio, OpenRouter, Together, …).
 *
 * @packageDocumentation
 */

export { stripOptionalNulls } from './null-stripping.js';
export { createOpenAI, type OpenAIProvider, openai } from './openai-provider.js';
export type {
  FetchFunction,
  OpenAICallRecord,
  OpenAIEmbedderSettings,
  OpenAILanguageModelSettings,
  OpenAIProviderOptions,
  StructuredOutputMode,
} from './provider-options.js';
export { type JsonSchemaResponseFormat, toOpenAIResponseFormat } from './response-format.js';
export { type StrictSchemaResult, toStrictJsonSchema } from './strict-schema.js';
