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
import { type CallScope, openCallScope } from './call-scope.js';
import type { ProviderContext } from './provider-context.js';
import type { OpenAILanguageModelSettings } from './provider-options.js';
import { baseBody, withExtraBody } from './request-body.js';
import { toModelUsage } from './usage.js';

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
      let finishReason: TextFinishReason | undefined;
      const chunks = stream[Symbol.asyncIterator]();
      try {
        while (true) {
          // The SDK ends an aborted stream quietly; racing the deadline turns that into the
          // call's own error and stops waiting on a server that stalls mid-stream.
          const next = await scope.deadline.race(chunks.next()).catch((error: unknown) => {
            throw cutOff(scope, controller.text, error);
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
      scope.deadline.throwIfDone();
      // The SDK also ends quietly when the connection closes early: only a finish reason says
      // the model finished.
      if (finishReason === undefined) throw cutOff(scope, controller.text, undefined);

      const finalUsage = usage ?? toModelUsage(undefined);
      scope.record(finalUsage, responseModel);
      scope.succeed(controller.text);
      return { usage: finalUsage, model: modelId, finishReason };
    } catch (error) {
      throw scope.fail(error);
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
function cutOff(scope: CallScope, text: string, error: unknown): unknown {
  if (ConductError.isInstance(error) || error instanceof APIError) return error;
  const how =
    error === undefined
      ? 'the connection closed before a finish_reason'
      : `the connection failed (${errorMessage(error)})`;
  return new ModelError(
    `${scope.info.operation}: the stream was cut off after ${text.length} characters: ${how}`,
    { task: scope.info.task, model: scope.info.model, isRetryable: true },
    error === undefined ? undefined : { cause: error },
  );
}
