import {
  ConfigurationError,
  type Embedder,
  type LanguageModel,
  type Moderator,
} from '@conduct/core';
import { createOpenAIContext } from './openai-context.js';
import { createEmbedder } from './openai-embedder.js';
import { createLanguageModel } from './openai-language-model.js';
import { createModerator } from './openai-moderator.js';
import type {
  OpenAIEmbedderSettings,
  OpenAILanguageModelSettings,
  OpenAIProviderOptions,
  StructuredOutputMode,
} from './openai-options.js';

/**
 * An OpenAI (or OpenAI-compatible) provider: a factory of language models, embedders and
 * moderators sharing one client, one set of options and one `auto`-mode memory. Calling it
 * directly is `languageModel`.
 */
export interface OpenAIProvider {
  (modelId: string, settings?: OpenAILanguageModelSettings): LanguageModel;
  /** A Chat Completions {@link LanguageModel}, e.g. `languageModel('gpt-4.1-mini')`. */
  languageModel(modelId: string, settings?: OpenAILanguageModelSettings): LanguageModel;
  /** An {@link Embedder}, e.g. `embedder('text-embedding-3-small', { dimensions: 512 })`. */
  embedder(modelId: string, settings?: OpenAIEmbedderSettings): Embedder;
  /** A {@link Moderator}; the model defaults to `omni-moderation-latest`. */
  moderator(modelId?: string): Moderator;
}

const MODES: readonly StructuredOutputMode[] = ['strict', 'json-mode', 'auto'];

/**
 * Creates an OpenAI provider. Nothing is read or checked against the environment until the
 * first call: `OPENAI_API_KEY` and `OPENAI_BASE_URL` fill in a missing `apiKey` / `baseURL`
 * then, and a missing key rejects that call with a `ConfigurationError` naming the variable.
 * Invalid options throw `ConfigurationError` at once.
 *
 * @example
 * const openai = createOpenAI({ retry: { maxRetries: 3 }, timeoutMs: 30_000 });
 * const model = openai('gpt-4.1-mini');
 * const embedder = openai.embedder('text-embedding-3-small');
 */
export function createOpenAI(options: OpenAIProviderOptions = {}): OpenAIProvider {
  validateOptions(options);
  const context = createOpenAIContext(options);

  const languageModel = (modelId: string, settings: OpenAILanguageModelSettings = {}) => {
    requireModelId(modelId, 'languageModel');
    if (settings.structuredOutputs !== undefined) checkMode(settings.structuredOutputs);
    positiveInteger(settings.maxOutputTokens, 'languageModel `maxOutputTokens`');
    return createLanguageModel(context, modelId, settings);
  };
  const provider = (modelId: string, settings?: OpenAILanguageModelSettings) =>
    languageModel(modelId, settings);

  return Object.assign(provider, {
    languageModel,
    embedder(modelId: string, settings: OpenAIEmbedderSettings = {}) {
      requireModelId(modelId, 'embedder');
      positiveInteger(settings.dimensions, 'embedder `dimensions`');
      positiveInteger(settings.maxBatchSize, 'embedder `maxBatchSize`');
      return createEmbedder(context, modelId, settings);
    },
    moderator(modelId = 'omni-moderation-latest') {
      requireModelId(modelId, 'moderator');
      return createModerator(context, modelId);
    },
  });
}

/**
 * The default provider: options from the environment (`OPENAI_API_KEY`, `OPENAI_BASE_URL`),
 * read at the first call. `openai('gpt-4.1-mini')` is a ready model.
 */
export const openai: OpenAIProvider = createOpenAI();

function validateOptions(options: OpenAIProviderOptions): void {
  if (options.structuredOutputs !== undefined) checkMode(options.structuredOutputs);
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new ConfigurationError(
      `createOpenAI \`timeoutMs\` must be a positive number of milliseconds, got ${options.timeoutMs}`,
    );
  }
  if (options.baseURL !== undefined && !isHttpUrl(options.baseURL)) {
    throw new ConfigurationError(
      `createOpenAI \`baseURL\` must be an absolute http(s) URL such as http://localhost:8000/v1, got '${options.baseURL}'`,
    );
  }
  if (options.name !== undefined && options.name.trim() === '') {
    throw new ConfigurationError('createOpenAI `name` must not be empty');
  }
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

function checkMode(mode: string): void {
  if (!MODES.includes(mode as StructuredOutputMode)) {
    throw new ConfigurationError(
      `\`structuredOutputs\` must be one of ${MODES.map((m) => `'${m}'`).join(', ')}, got '${mode}'`,
    );
  }
}

function requireModelId(modelId: unknown, factory: string): void {
  if (typeof modelId !== 'string' || modelId.trim() === '') {
    throw new ConfigurationError(`OpenAI ${factory}() needs a model id, e.g. 'gpt-4.1-mini'`);
  }
}

function positiveInteger(value: number | undefined, what: string): void {
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new ConfigurationError(`OpenAI ${what} must be a positive integer, got ${value}`);
  }
}
