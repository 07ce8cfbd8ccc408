import {
  type GenerateObjectRequest,
  type GenerateObjectResult,
  generateWithRepair,
  type LanguageModel,
  type ModelMessage,
  ModelOutputError,
  type StructuredAttemptResult,
} from '@conduct/core';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { openCall } from './openai-call.js';
import type { OpenAIContext } from './openai-context.js';
import { type CallInfo, isResponseFormatRejection, malformed } from './openai-errors.js';
import { baseBody, withExtraBody, withJsonInstructions } from './openai-messages.js';
import type { OpenAILanguageModelSettings } from './openai-options.js';
import { streamText } from './openai-stream.js';
import { jsonSchemaFormat, prepareSchema, schemaNameFor } from './openai-structured-output.js';
import { toModelUsage } from './openai-usage.js';

/** Builds the {@link LanguageModel} of `modelId` on a provider's context. */
export function createLanguageModel(
  context: OpenAIContext,
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

/**
 * `generateObject` over Chat Completions: `response_format` `json_schema` (strict when strict
 * mode can express the schema) or `json_object` with the schema in the prompt, validated with
 * zod by core's `generateWithRepair` (one repair attempt, then `ModelOutputError`).
 */
async function generateObject<S extends z.ZodType>(
  context: OpenAIContext,
  modelId: string,
  settings: OpenAILanguageModelSettings,
  request: GenerateObjectRequest<S>,
): Promise<GenerateObjectResult<z.output<S>>> {
  const call = openCall(context, { ...request, kind: 'object', model: modelId });
  try {
    call.deadline.throwIfDone();
    const prepared = prepareSchema(request.schema);
    const mode = settings.structuredOutputs ?? context.options.structuredOutputs ?? 'strict';
    const name = schemaNameFor(request.schemaName, request.task);

    const send = async (messages: ModelMessage[], jsonMode: boolean) => {
      const prompt = jsonMode ? withJsonInstructions(messages, prepared.jsonSchema) : messages;
      const body: ChatCompletionCreateParamsNonStreaming = withExtraBody(
        {
          ...baseBody(modelId, prompt, request, settings, context.options),
          response_format: jsonMode ? { type: 'json_object' } : jsonSchemaFormat(prepared, name),
        },
        settings,
      );
      const client = context.client();
      const completion = await call.send((signal) =>
        client.chat.completions.create(body, { signal }),
      );
      const usage = toModelUsage(completion.usage);
      call.record(usage, completion.model);
      const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
      if (!choice) throw malformed(call.info, 'a completion without choices');
      if (choice.message?.refusal) throw refusalError(call.info, choice.message.refusal);
      return { text: choice.message?.content ?? '', usage, model: modelId };
    };

    const result = await generateWithRepair({
      task: request.task,
      schema: prepared.parseSchema,
      messages: request.messages,
      attempt: async (messages): Promise<StructuredAttemptResult> => {
        const jsonMode = mode === 'json-mode' || (mode === 'auto' && context.jsonSchemaRejected);
        try {
          return await send(messages, jsonMode);
        } catch (error) {
          if (jsonMode || mode !== 'auto' || !isResponseFormatRejection(error)) throw error;
          // Remembered for the whole provider instance: one server, one capability.
          context.jsonSchemaRejected = true;
          return send(messages, true);
        }
      },
    });
    call.succeed(result.rawText);
    return result;
  } catch (error) {
    throw call.fail(error);
  }
}

/**
 * A refusal (`message.refusal`) is the model declining on safety grounds: an answer, not a
 * transport failure, so `ModelOutputError`; asking again to "fix the JSON" would only repeat it,
 * so no repair attempt is made.
 */
function refusalError(info: CallInfo, refusal: string): ModelOutputError {
  return new ModelOutputError(`The model refused the ${info.operation}: ${refusal}`, {
    task: info.task,
    output: refusal,
    issues: [{ path: [], type: 'refusal', message: refusal }],
  });
}
