import {
  type GenerateObjectRequest,
  type GenerateObjectResult,
  generateWithRepair,
  type LanguageModel,
} from '@conduct/core';
import type { z } from 'zod';
import { openCall } from './ollama-call.js';
import { OLLAMA_PROVIDER, type OllamaContext } from './ollama-context.js';
import { postOllama, readJson } from './ollama-http.js';
import { asChatChunk, chatBody } from './ollama-messages.js';
import type { OllamaLanguageModelSettings } from './ollama-options.js';
import { streamText } from './ollama-stream.js';
import { readStructuredText, structuredFormat } from './ollama-structured-output.js';
import { toModelUsage } from './ollama-usage.js';

/**
 * Builds the {@link LanguageModel} of `modelId` on a provider's context: structured output
 * through `format`, streamed text over NDJSON (see `streamText`).
 */
export function createLanguageModel(
  context: OllamaContext,
  modelId: string,
  settings: OllamaLanguageModelSettings = {},
): LanguageModel {
  return {
    provider: OLLAMA_PROVIDER,
    modelId,
    generateObject: (request) => generateObject(context, modelId, settings, request),
    streamText: (request) => streamText(context, modelId, settings, request),
  };
}

/**
 * `generateObject` over `/api/chat` with `format` set to the JSON Schema of the zod schema,
 * validated with zod by core's `generateWithRepair` (one repair attempt, then
 * `ModelOutputError`).
 */
async function generateObject<S extends z.ZodType>(
  context: OllamaContext,
  modelId: string,
  settings: OllamaLanguageModelSettings,
  request: GenerateObjectRequest<S>,
): Promise<GenerateObjectResult<z.output<S>>> {
  const call = openCall(context, { ...request, kind: 'object', model: modelId });
  const { label } = call;
  try {
    call.deadline.throwIfDone();
    const format = structuredFormat(request.schema);
    const result = await generateWithRepair({
      task: request.task,
      schema: request.schema,
      messages: request.messages,
      attempt: async (messages) => {
        const body = chatBody({
          context,
          model: modelId,
          settings,
          messages,
          stream: false,
          format,
          generation: request,
        });
        const response = await call.send((signal) =>
          postOllama({ context, path: '/api/chat', body, signal, label }),
        );
        const chunk = asChatChunk(await readJson(response, call.deadline, label));
        const usage = toModelUsage(chunk ?? {});
        call.record(usage, chunk?.model);
        const text = readStructuredText(chunk, label);
        return { text, usage, model: chunk?.model || modelId };
      },
    });
    call.succeed(result.rawText);
    return result;
  } catch (error) {
    throw call.fail(error);
  }
}
