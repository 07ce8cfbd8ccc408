import { AbortedError, NotFoundError } from '@conduct/core';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../app-env.js';

/**
 * Sends one SSE message: `data: <JSON>\n\n`, no `event:` or `id:` fields
 * (docs/compatibility.md#long-polling-and-sse).
 */
export type SendSse = (payload: unknown) => Promise<void>;

/**
 * An SSE response framed as the reference server frames it (`text/event-stream; charset=utf-8`,
 * `Cache-Control: no-cache`). `run` writes with `send` and must stop when `signal` aborts (the
 * client went away); the stream closes when `run` returns. A session deleted meanwhile
 * (`NotFoundError`) or an abort ends the stream quietly.
 */
export function sseResponse(
  c: Context<AppEnv>,
  run: (send: SendSse, signal: AbortSignal) => Promise<void>,
): Response {
  const controller = new AbortController();
  const requestSignal = c.req.raw.signal;
  const onRequestAbort = () => controller.abort();
  requestSignal.addEventListener('abort', onRequestAbort, { once: true });
  const response = streamSSE(c, async (stream) => {
    stream.onAbort(() => controller.abort());
    try {
      await run(async (payload) => {
        await stream.writeSSE({ data: JSON.stringify(payload) });
      }, controller.signal);
    } catch (error) {
      if (!AbortedError.is(error) && !NotFoundError.is(error)) throw error;
    } finally {
      requestSignal.removeEventListener('abort', onRequestAbort);
      controller.abort();
    }
  });
  response.headers.set('Content-Type', 'text/event-stream; charset=utf-8');
  return response;
}
