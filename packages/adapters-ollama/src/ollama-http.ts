import type { CallDeadline } from '@conduct/core';
import type { OllamaContext } from './ollama-context.js';
import {
  type CallLabel,
  connectionError,
  errorFromResponse,
  malformedResponse,
} from './ollama-errors.js';

/** One POST to the Ollama REST API. */
export interface OllamaPost {
  context: OllamaContext;
  /** e.g. `/api/chat`. */
  path: string;
  /** Sent as JSON. */
  body: object;
  /** The attempt's signal (see `AdapterCall.send`). */
  signal: AbortSignal;
  label: CallLabel;
}

/**
 * POSTs `body` as JSON and resolves with the 2xx response; rejects with a `ModelError` for an
 * error response (read from its `{"error": ...}` body) or a failure to reach the server. One
 * attempt: the call retries it through `AdapterCall.send`, each attempt with the call's signal,
 * so aborting one call never touches another.
 */
export async function postOllama(post: OllamaPost): Promise<Response> {
  const { context, label } = post;
  let response: Response;
  try {
    response = await context.fetch(`${context.host}${post.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...context.headers,
      },
      body: JSON.stringify(post.body),
      signal: post.signal,
    });
  } catch (error) {
    // After an abort or timeout the call's deadline error replaces this one.
    throw connectionError(error, label);
  }
  if (!response.ok) throw await errorFromResponse(response, label);
  return response;
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
