import {
  ConductError,
  createTextStream,
  errorMessage,
  ModelError,
  type ModelUsage,
  type StreamTextRequest,
  type TextFinishReason,
  type TextStream,
} from '@conduct/core';
import { APIError } from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { type OpenAICall, openCall } from './openai-call.js';
import type { OpenAIContext } from './openai-context.js';
import { baseBody, withExtraBody } from './openai-messages.js';
import type { OpenAILanguageModelSettings } from './openai-options.js';
import { toModelUsage } from './openai-usage.js';

/**
 * `streamText` of an OpenAI language model: a Chat Completions SSE stream with
 * `stream_options.include_usage`, whose last chunk carries the usage. Only opening the stream
 * is retried; once deltas flowed, an error ends the stream. Refusal deltas are streamed as
 * text: in a free-text reply the refusal is the reply. A stream that ends without a
 * `finish_reason` (the connection closed or reset mid-way) fails with a retryable `ModelError`
 * instead of passing for complete; `finish_reason` `length` and `content_filter` are reported
 * as the result's `finishReason` (`max-tokens`, `content-filter`).
 */
export function streamText(
  context: OpenAIContext,
  modelId: string,
  settings: OpenAILanguageModelSettings,
  request: StreamTextRequest,
): TextStream {
  return createTextStream(async (controller) => {
    const call = openCall(context, { ...request, kind: 'text', model: modelId });
    try {
      call.deadline.throwIfDone();
      const body: ChatCompletionCreateParamsStreaming = withExtraBody(
        {
          ...baseBody(modelId, request.messages, request, settings, context.options),
          stream: true,
          stream_options: { include_usage: true },
        },
        settings,
      );
      const client = context.client();
      const stream = await call.send((signal) => client.chat.completions.create(body, { signal }));

      let usage: ModelUsage | undefined;
      let responseModel: string | undefined;
      let finishReason: TextFinishReason | undefined;
      const chunks = stream[Symbol.asyncIterator]();
      try {
        while (true) {
          // The SDK ends an aborted stream quietly; racing the deadline turns that into the
          // call's own error and stops waiting on a server that stalls mid-stream.
          const next = await call.deadline.race(chunks.next()).catch((error: unknown) => {
            throw cutOff(call, controller.text, error);
          });
          if (next.done) break;
          const chunk = next.value;
          if (chunk.usage) usage = toModelUsage(chunk.usage);
          if (chunk.model) responseModel = chunk.model;
          const choice = chunk.choices?.[0];
          const delta = choice?.delta;
          if (delta?.content) controller.emit(delta.content);
          if (delta?.refusal) controller.emit(delta.refusal);
          if (choice?.finish_reason) finishReason = toFinishReason(choice.finish_reason);
        }
      } finally {
        stream.controller.abort();
      }
      call.deadline.throwIfDone();
      // The SDK also ends quietly when the connection closes early: only a finish reason says
      // the model finished.
      if (finishReason === undefined) throw cutOff(call, controller.text, undefined);

      const finalUsage = usage ?? toModelUsage(undefined);
      call.record(finalUsage, responseModel);
      call.succeed(controller.text);
      return { usage: finalUsage, model: call.model, finishReason };
    } catch (error) {
      throw call.fail(error);
    }
  });
}

function toFinishReason(wire: string): TextFinishReason {
  if (wire === 'length') return 'max-tokens';
  if (wire === 'content_filter') return 'content-filter';
  return 'stop';
}

/**
 * The error of a stream that broke off: the call's own errors (deadline, abort, an `error` event
 * the server sent) pass unchanged; a connection that closed or reset becomes a retryable
 * `ModelError` saying how much text had come.
 */
function cutOff(call: OpenAICall, text: string, error: unknown): unknown {
  if (ConductError.isInstance(error) || error instanceof APIError) return error;
  const how =
    error === undefined
      ? 'the connection closed before a finish_reason'
      : `the connection failed (${errorMessage(error)})`;
  return new ModelError(
    `${call.info.operation}: the stream was cut off after ${text.length} characters: ${how}`,
    { task: call.info.task, model: call.info.model, isRetryable: true },
    error === undefined ? undefined : { cause: error },
  );
}
