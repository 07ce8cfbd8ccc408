/**
 * `@conduct/adapters-openai`: Conduct's `LanguageModel`, `Embedder` and `Moderator` over the
 * `openai` SDK's Chat Completions, embeddings and moderations APIs, for OpenAI and any
 * OpenAI-compatible server (vLLM, LM Studio, OpenRouter, Together, …).
 *
 * @packageDocumentation
 */

export type { FetchFunction } from '@conduct/core';
export { stripOptionalNulls } from './openai-null-stripping.js';
export type {
  OpenAICallRecord,
  OpenAIEmbedderSettings,
  OpenAILanguageModelSettings,
  OpenAIProviderOptions,
  StructuredOutputMode,
} from './openai-options.js';
export { createOpenAI, type OpenAIProvider, openai } from './openai-provider.js';
export { type StrictSchemaResult, toStrictJsonSchema } from './openai-strict-schema.js';
export {
  type JsonSchemaResponseFormat,
  toOpenAIResponseFormat,
} from './openai-structured-output.js';
