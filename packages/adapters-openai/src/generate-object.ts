import {
  type GenerateObjectRequest,
  type GenerateObjectResult,
  generateWithRepair,
  type ModelMessage,
  ModelOutputError,
  type StructuredAttemptResult,
} from '@conduct/core';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { z } from 'zod';
import { openCallScope } from './call-scope.js';
import { type CallInfo, isResponseFormatRejection, malformed } from './errors.js';
import { prepareSchema } from './prepared-schema.js';
import type { ProviderContext } from './provider-context.js';
import type { OpenAILanguageModelSettings } from './provider-options.js';
import { baseBody, withExtraBody, withJsonInstructions } from './request-body.js';
import { jsonSchemaFormat, schemaNameFor } from './response-format.js';
import { toModelUsage } from './usage.js';

/** `generateObject` of an OpenAI language model. */
export async function generateObject<S extends z.ZodType>(
  context: ProviderContext,
  modelId: string,
  settings: OpenAILanguageModelSettings,
  request: GenerateObjectRequest<S>,
): Promise<GenerateObjectResult<z.output<S>>> {
  const scope = openCallScope(context, { ...request, kind: 'object', model: modelId });
  try {
    scope.deadline.throwIfDone();
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
      const completion = await scope.send((signal) =>
        client.chat.completions.create(body, { signal }),
      );
      const usage = toModelUsage(completion.usage);
      scope.record(usage, completion.model);
      const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
      if (!choice) throw malformed(scope.info, 'a completion without choices');
      if (choice.message?.refusal) throw refusalError(scope.info, choice.message.refusal);
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
    scope.succeed(result.rawText);
    return result;
  } catch (error) {
    throw scope.fail(error);
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
