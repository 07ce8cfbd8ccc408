import {
  type CallDeadline,
  createTextStream,
  type StreamTextRequest,
  type TextStream,
} from '@conduct/core';
import { openCall } from './ollama-call.js';
import type { OllamaContext } from './ollama-context.js';
import {
  type CallLabel,
  connectionError,
  malformedResponse,
  streamCutOff,
  streamError,
} from './ollama-errors.js';
import { postOllama } from './ollama-http.js';
import { asChatChunk, type ChatChunk, chatBody } from './ollama-messages.js';
import type { OllamaLanguageModelSettings } from './ollama-options.js';
import { toModelUsage } from './ollama-usage.js';

/**
 * `streamText` over `/api/chat` with `stream: true`: NDJSON lines, each with a `message.content`
 * delta, the last with `done: true`, the usage counters and `done_reason`. Only opening the
 * stream is retried. A stream that ends before its `done` line (the connection closed or reset)
 * fails with a retryable `ModelError`; `done_reason` `length` is reported as `max-tokens`.
 */
export function streamText(
  context: OllamaContext,
  modelId: string,
  settings: OllamaLanguageModelSettings,
  request: StreamTextRequest,
): TextStream {
  return createTextStream(async (controller) => {
    const call = openCall(context, { ...request, kind: 'text', model: modelId });
    const { label } = call;
    try {
      call.deadline.throwIfDone();
      const body = chatBody({
        context,
        model: modelId,
        settings,
        messages: request.messages,
        stream: true,
        generation: request,
      });
      const response = await call.send((signal) =>
        postOllama({ context, path: '/api/chat', body, signal, label }),
      );
      let last: ChatChunk | undefined;
      const cutOff = (error?: unknown) => streamCutOff(controller.text.length, label, error);
      for await (const line of readNdjson(response, call.deadline, label, cutOff)) {
        const chunk = asChatChunk(line);
        if (chunk?.error !== undefined) throw streamError(String(chunk.error), label);
        controller.emit(chunk?.message?.content ?? '');
        if (chunk?.done === true) {
          last = chunk;
          break;
        }
      }
      if (last === undefined) throw cutOff();
      call.record(toModelUsage(last), last.model);
      call.succeed(controller.text);
      return {
        usage: call.usage,
        model: call.model,
        finishReason: last.done_reason === 'length' ? 'max-tokens' : 'stop',
      };
    } catch (error) {
      throw call.fail(error);
    }
  });
}

/**
 * Yields each JSON object of an NDJSON body (Ollama's streaming format: one object per line).
 * Stopping early (break, abort, error) cancels the body so the connection is released. A read
 * that fails (the connection dropped) throws what `onReadFailure` makes of it.
 */
export async function* readNdjson(
  response: Response,
  deadline: CallDeadline,
  label: CallLabel,
  onReadFailure: (error: unknown) => unknown = (error) => connectionError(error, label),
): AsyncGenerator<unknown, void, undefined> {
  if (!response.body) throw malformedResponse('the streamed response has no body', label);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    while (true) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await deadline.race(reader.read());
      } catch (error) {
        if (deadline.signal.aborted) throw deadline.mapError(error);
        throw onReadFailure(error);
      }
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line !== '') yield parseLine(line, label);
        newline = buffer.indexOf('\n');
      }
    }
    const rest = (buffer + decoder.decode()).trim();
    if (rest !== '') yield parseLine(rest, label);
  } finally {
    reader.cancel().catch(() => {});
  }
}

function parseLine(line: string, label: CallLabel): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw malformedResponse(`invalid NDJSON line '${line.slice(0, 120)}'`, label, error);
  }
}
