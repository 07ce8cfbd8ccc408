import { APIError } from '@anthropic-ai/sdk';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import {
  type AdapterCall,
  ConductError,
  createTextStream,
  errorMessage,
  ModelError,
  type StreamTextRequest,
  type TextFinishReason,
  type TextStream,
} from '@conduct/core';
import { openCall } from './anthropic-call.js';
import type { ModelConfig } from './anthropic-context.js';
import { toAnthropicPrompt } from './anthropic-messages.js';
import { type AnthropicUsage, mergeStreamUsage, toModelUsage } from './anthropic-usage.js';

/**
 * `streamText` over the Messages API's SSE stream: `text_delta`s are emitted as they arrive;
 * usage comes from `message_start` and is updated by each `message_delta`. Retries (429, 529,
 * 5xx) happen only before the first event, never after text went out. A stream that breaks off
 * (no `message_stop`: the connection closed or reset) fails with a retryable `ModelError`;
 * `stop_reason` `max_tokens` and `refusal` are reported as the result's `finishReason`
 * (`max-tokens`, `content-filter`).
 */
export function streamText(config: ModelConfig, request: StreamTextRequest): TextStream {
  return createTextStream(async (controller) => {
    const call = openCall(config, { ...request, kind: 'text' });
    try {
      call.deadline.throwIfDone();
      const prompt = toAnthropicPrompt(request.messages, { promptCaching: config.promptCaching });
      const stream = await call.send((signal) =>
        config.client.messages.create(
          {
            model: config.modelId,
            max_tokens: request.maxOutputTokens ?? config.maxOutputTokens,
            ...(prompt.system.length > 0 ? { system: prompt.system } : {}),
            messages: prompt.messages,
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
            stream: true,
          },
          { signal },
        ),
      );
      let finishReason: TextFinishReason;
      try {
        finishReason = await readEvents(
          stream[Symbol.asyncIterator](),
          call,
          request.task,
          controller,
        );
      } finally {
        // Stops the download when reading ended early (abort, timeout, a bad event).
        stream.controller.abort();
      }
      call.succeed(controller.text);
      return { usage: call.usage, model: call.model, finishReason };
    } catch (error) {
      throw call.fail(error);
    }
  });
}

async function readEvents(
  events: AsyncIterator<RawMessageStreamEvent>,
  call: AdapterCall,
  task: string,
  controller: { emit(delta: string): void; readonly text: string },
): Promise<TextFinishReason> {
  let usage: AnthropicUsage = {};
  let answeredBy: string | undefined;
  let model = call.model;
  let finishReason: TextFinishReason = 'stop';
  try {
    while (true) {
      const next = await call.deadline.race(events.next()).catch((error: unknown) => {
        // The call's own errors (deadline, abort, an `error` event) pass unchanged; a
        // connection that failed mid-stream says how much text had come.
        if (ConductError.isInstance(error) || error instanceof APIError) throw error;
        const reason = errorMessage(error);
        throw new ModelError(
          `The Anthropic stream of '${model}' (task '${task}') was cut off after ${controller.text.length} characters: the connection failed (${reason})`,
          { task, model: call.model, isRetryable: true },
          { cause: error },
        );
      });
      if (next.done) break;
      const event = next.value;
      if (event.type === 'message_start') {
        usage = event.message.usage;
        answeredBy = event.message.model;
        model = answeredBy || model;
      } else if (event.type === 'message_delta') {
        usage = mergeStreamUsage(usage, event.usage);
        if (event.delta.stop_reason) finishReason = toFinishReason(event.delta.stop_reason);
      } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        controller.emit(event.delta.text);
      } else if (event.type === 'message_stop') {
        return finishReason;
      }
    }
    // The SDK ends iteration quietly when the request is aborted.
    call.deadline.throwIfDone();
    throw new ModelError(
      `The Anthropic stream of '${model}' (task '${task}') was cut off after ${controller.text.length} characters: it ended before message_stop`,
      { task, model: call.model, isRetryable: true },
    );
  } finally {
    // Also on failure: an aborted stream is billed for what it produced.
    call.record(toModelUsage(usage), answeredBy);
  }
}

function toFinishReason(stopReason: string): TextFinishReason {
  if (stopReason === 'max_tokens') return 'max-tokens';
  if (stopReason === 'refusal') return 'content-filter';
  return 'stop';
}
