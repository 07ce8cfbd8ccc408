import { createServer } from 'node:net';
import { AbortedError, ModelError, TimeoutError } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOpenAI } from '../src/index.js';
import { replyError, replyJson, replyStream, replyText } from './fake-openai-server.js';
import { setup } from './harness.js';

const messages = [{ role: 'user' as const, content: 'Hello' }];
const schema = z.object({ ok: z.boolean() });
const call = { task: 'check', messages, schema };
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('errors, retries and cancellation', () => {
  it('retries a 429 with retry-after: 0 and succeeds on the second request', async () => {
    const { provider, requests } = await setup((request, res, index) =>
      index === 0
        ? replyError(res, 429, 'Rate limit reached', { headers: { 'retry-after': '0' } })
        : replyText(res, request, '{"ok":true}'),
    );
    const result = await provider('gpt-4.1-mini').generateObject(call);
    expect(result.value).toEqual({ ok: true });
    expect(requests).toHaveLength(2);
  });

  it('retries 409 and 425 like every adapter', async () => {
    const { provider, requests } = await setup((request, res, index) =>
      index < 2
        ? replyError(res, index === 0 ? 409 : 425, 'try again')
        : replyText(res, request, '{"ok":true}'),
    );
    const result = await provider('gpt-4.1-mini').generateObject(call);
    expect(result.value).toEqual({ ok: true });
    expect(requests).toHaveLength(3);
  });

  it('gives up on a 500 after maxRetries + 1 requests with a retryable ModelError', async () => {
    const { provider, requests } = await setup((_request, res) => replyError(res, 500, 'boom'), {
      retry: { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 2 },
    });
    const error = await rejection(provider('gpt-4.1-mini').generateObject(call));
    expect(ModelError.is(error)).toBe(true);
    expect(error).toMatchObject({
      status: 500,
      isRetryable: true,
      task: 'check',
      model: 'gpt-4.1-mini',
    });
    expect((error as Error).message).toContain('boom');
    expect(requests).toHaveLength(4);
  });

  it('reports Retry-After on the error when retries are off', async () => {
    const { provider, requests } = await setup(
      (_request, res) => replyError(res, 429, 'slow down', { headers: { 'retry-after': '7' } }),
      { retry: { maxRetries: 0 } },
    );
    const error = await rejection(provider('m').generateObject(call));
    expect(error).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 7000 });
    expect(requests).toHaveLength(1);
  });

  it('does not retry 4xx errors, nor anything the server marks x-should-retry: false', async () => {
    const { provider, requests } = await setup((_request, res, index) =>
      index === 0
        ? replyError(res, 401, 'Incorrect API key provided')
        : replyError(res, 503, 'maintenance', { headers: { 'x-should-retry': 'false' } }),
    );
    const unauthorized = await rejection(provider('m').generateObject(call));
    expect(unauthorized).toMatchObject({ status: 401, isRetryable: false });
    const unavailable = await rejection(provider('m').generateObject(call));
    expect(unavailable).toMatchObject({ status: 503, isRetryable: false });
    expect(requests).toHaveLength(2);
  });

  it('maps a refused connection to a retryable ModelError without status', async () => {
    const port = await closedPort();
    const provider = createOpenAI({
      apiKey: 'sk-test',
      baseURL: `http://127.0.0.1:${port}/v1`,
      retry: { maxRetries: 1, initialDelayMs: 1 },
    });
    const error = await rejection(provider('m').generateObject(call));
    expect(ModelError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: undefined, isRetryable: true });
    expect((error as Error).message).toMatch(/could not reach the server/);
  });

  it('times out a hanging call with TimeoutError, also from the provider default', async () => {
    const { provider } = await setup(() => {}, { timeoutMs: 40 });
    const started = Date.now();
    const error = await rejection(provider('m').generateObject(call));
    expect(TimeoutError.is(error)).toBe(true);
    expect((error as TimeoutError).timeoutMs).toBe(40);
    expect(Date.now() - started).toBeLessThan(1000);
    const perCall = await rejection(provider('m').generateObject({ ...call, timeoutMs: 20 }));
    expect((perCall as TimeoutError).timeoutMs).toBe(20);
  });

  it('times out while waiting to retry, not only while a request is open', async () => {
    const { provider } = await setup(
      (_request, res) => replyError(res, 429, 'later', { headers: { 'retry-after': '5' } }),
      { retry: { maxRetries: 3, maxDelayMs: 10_000 } },
    );
    const error = await rejection(provider('m').generateObject({ ...call, timeoutMs: 50 }));
    expect(TimeoutError.is(error)).toBe(true);
  });

  it('aborts mid-stream: deltas so far, then AbortedError from iteration and result', async () => {
    const { provider } = await setup((_request, res) =>
      replyStream(res, ['Your order', ' is'], { stall: true }),
    );
    const controller = new AbortController();
    const stream = provider('m').streamText({
      task: 'compose',
      messages,
      signal: controller.signal,
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const delta of stream) {
        seen.push(delta);
        if (seen.join('') === 'Your order is') controller.abort();
      }
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(seen).toEqual(['Your order', ' is']);
    expect(AbortedError.is(error)).toBe(true);
    expect(AbortedError.is(await rejection(stream.result))).toBe(true);
  });

  it('surfaces an error event inside a stream as a ModelError after the deltas', async () => {
    const { provider } = await setup((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm' };
      res.write(
        `data: ${JSON.stringify({ ...chunk, choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] })}\n\n`,
      );
      res.end(
        `data: ${JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } })}\n\n`,
      );
    });
    const stream = provider('m').streamText({ task: 'compose', messages });
    const error = await rejection(stream.result);
    expect(error).toMatchObject({ isRetryable: true, task: 'compose' });
    expect((error as Error).message).toContain('overloaded');
  });

  it('rejects a malformed success body with a ModelError', async () => {
    const { provider } = await setup((_request, res) => replyJson(res, 200, { nothing: true }));
    const error = await rejection(provider('m').generateObject(call));
    expect(ModelError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/without choices/);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
