import type { LanguageModel } from '@conduct/core';
import { generateObject } from './generate-object.js';
import type { ProviderContext } from './provider-context.js';
import type { OpenAILanguageModelSettings } from './provider-options.js';
import { streamText } from './stream-text.js';

/** Builds the {@link LanguageModel} of `modelId` on a provider's context. */
export function createLanguageModel(
  context: ProviderContext,
  modelId: string,
  settings: OpenAILanguageModelSettings = {},
): LanguageModel {
  return {
    provider: context.name,
    modelId,
    generateObject: (request) => generateObject(context, modelId, settings, request),
    streamText: (request) => streamText(context, modelId, settings, request),
  };
}
