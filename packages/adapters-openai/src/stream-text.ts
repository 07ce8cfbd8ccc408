import {
  createTextStream,
  type ModelUsage,
  type StreamTextRequest,
  type TextStream,
} from '@conduct/core';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { openCallScope } from './call-scope.js';
import type { ProviderContext } from './provider-context.js';
import type { OpenAILanguageModelSettings } from './provider-options.js';
import { baseBody, withExtraBody } from './request-body.js';
import { toModelUsage } from './usage.js';

/**
 * `streamText` of an OpenAI language model: a Chat Completions SSE stream with
 * `stream_options.include_usage`, whose last chunk carries the usage. Only opening the stream
 * is retried; once deltas flowed, an error ends the stream. Refusal deltas are streamed as
 * text: in a free-text reply the refusal is the reply.
 */
export function streamText(
  context: ProviderContext,
  modelId: string,
  settings: OpenAILanguageModelSettings,
  request: StreamTextRequest,
): TextStream {
  return createTextStream(async (controller) => {
    const scope = openCallScope(context, { ...request, kind: 'text', model: modelId });
    try {
      scope.deadline.throwIfDone();
      const body: ChatCompletionCreateParamsStreaming = withExtraBody(
        {
          ...baseBody(modelId, request.messages, request, settings, context.options),
          stream: true,
          stream_options: { include_usage: true },
        },
        settings,
      );
      const client = context.client();
      const stream = await scope.send((signal) => client.chat.completions.create(body, { signal }));

      let usage: ModelUsage | undefined;
      let responseModel: string | undefined;
      const chunks = stream[Symbol.asyncIterator]();
      try {
        while (true) {
          // The SDK ends an aborted stream quietly; racing the deadline turns that into the
          // call's own error and stops waiting on a server that stalls mid-stream.
          const next = await scope.deadline.race(chunks.next());
          if (next.done) break;
          const chunk = next.value;
          if (chunk.usage) usage = toModelUsage(chunk.usage);
          if (chunk.model) responseModel = chunk.model;
          const delta = chunk.choices?.[0]?.delta;
          if (delta?.content) controller.emit(delta.content);
          if (delta?.refusal) controller.emit(delta.refusal);
        }
      } finally {
        stream.controller.abort();
      }
      scope.deadline.throwIfDone();

      const finalUsage = usage ?? toModelUsage(undefined);
      scope.record(finalUsage, responseModel);
      scope.succeed(controller.text);
      return { usage: finalUsage, model: modelId };
    } catch (error) {
      throw scope.fail(error);
    }
  });
}
