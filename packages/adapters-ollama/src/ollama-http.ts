import { type CallDeadline, withRetries } from '@conduct/core';
import {
  type CallLabel,
  connectionError,
  errorFromResponse,
  malformedResponse,
} from './ollama-errors.js';
import type { OllamaContext } from './ollama-options.js';

/**
 * POSTs `body` as JSON to `path` of the Ollama REST API and returns the 2xx response, retrying
 * retryable failures (429 / 5xx / connection errors) until the deadline fires. Every attempt
 * carries the call's own signal, so aborting one call never touches another.
 */
export function postOllama(
  context: OllamaContext,
  path: string,
  body: object,
  deadline: CallDeadline,
  label: CallLabel,
): Promise<Response> {
  const payload = JSON.stringify(body);
  return withRetries(
    async () => {
      deadline.throwIfDone();
      let response: Response;
      try {
        response = await deadline.race(
          context.fetch(`${context.host}${path}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'application/json',
              ...context.headers,
            },
            body: payload,
            signal: deadline.signal,
          }),
        );
      } catch (error) {
        if (deadline.signal.aborted) throw deadline.mapError(error);
        throw connectionError(error, label);
      }
      if (!response.ok) throw await deadline.race(errorFromResponse(response, label));
      return response;
    },
    { ...context.retry, signal: deadline.signal },
  );
}

/** Reads a 2xx response body as JSON, within the deadline. */
export async function readJson(
  response: Response,
  deadline: CallDeadline,
  label: CallLabel,
): Promise<unknown> {
  let text: string;
  try {
    text = await deadline.race(response.text());
  } catch (error) {
    if (deadline.signal.aborted) throw deadline.mapError(error);
    throw connectionError(error, label);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw malformedResponse(`expected JSON, got '${text.slice(0, 120)}'`, label, error);
  }
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
