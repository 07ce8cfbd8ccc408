import { AbortedError, ModelError, TimeoutError } from '@conduct/core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOllama } from '../src/index.js';
import {
  closedPortUrl,
  fakeOllamaPool,
  firstMessage,
  sendChat,
  sendEmbeddings,
  sendError,
} from './fake-ollama-server.js';

const startServer = fakeOllamaPool(afterEach);
const FAST_RETRY = { initialDelayMs: 1, maxDelayMs: 5 };
const schema = z.object({ ok: z.boolean() });
const messages = [{ role: 'user' as const, content: 'Is it ok?' }];
const objectCall = { task: 'actionable', messages, schema };

const rejectionOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('error mapping', () => {
  it('says to `ollama pull` a model that is not installed, without retrying', async () => {
    const server = await startServer((_request, res) =>
      sendError(res, 404, 'model "llama3.2" not found, try pulling it first'),
    );
    const model = createOllama({ host: server.url, retry: FAST_RETRY }).languageModel('llama3.2');

    const error = await rejectionOf(model.generateObject(objectCall));
    expect(ModelError.is(error)).toBe(true);
    expect(error).toMatchObject({
      status: 404,
      isRetryable: false,
      model: 'llama3.2',
      task: 'actionable',
    });
    expect((error as Error).message).toContain('`ollama pull llama3.2`');
    expect(server.requests).toHaveLength(1);

    const streamError = await rejectionOf(model.streamText({ task: 'compose', messages }).result);
    expect((streamError as Error).message).toContain('ollama pull llama3.2');
  });

  it('does not blame the model for a 404 of an unknown path', async () => {
    const server = await startServer((_request, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
    });
    const embedder = createOllama({ host: server.url }).embedder('nomic-embed-text');
    const error = await rejectionOf(embedder.embed({ texts: ['a'] }));
    expect(error).toMatchObject({ code: 'model', status: 404, isRetryable: false });
    expect((error as Error).message).toContain('404 page not found');
    expect((error as Error).message).not.toContain('ollama pull');
  });

  it('retries a 503 and then succeeds', async () => {
    const server = await startServer((_request, res) =>
      server.requests.length === 1
        ? sendError(res, 503, 'server busy, please try again.  maximum pending requests exceeded')
        : sendChat(res, 'llama3.2', '{"ok": true}'),
    );
    const model = createOllama({ host: server.url, retry: FAST_RETRY }).languageModel('llama3.2');
    const result = await model.generateObject(objectCall);
    expect(result.value).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it('keeps Retry-After on a rate-limit error once retries run out', async () => {
    const server = await startServer((_request, res) =>
      sendError(res, 429, 'too many requests', { 'retry-after': '3' }),
    );
    const model = createOllama({ host: server.url, retry: { maxRetries: 0 } }).languageModel('m');
    const error = await rejectionOf(model.generateObject(objectCall));
    expect(error).toMatchObject({ status: 429, isRetryable: true, retryAfterMs: 3000 });
  });

  it('retries 409 and 425, reads retry-after-ms and obeys x-should-retry like every adapter', async () => {
    const server = await startServer((_request, res) => {
      const attempt = server.requests.length;
      if (attempt === 1) return sendError(res, 409, 'busy');
      if (attempt === 2) return sendError(res, 425, 'too early');
      if (attempt === 3) return sendChat(res, 'llama3.2', '{"ok": true}');
      sendError(res, 503, 'maintenance', { 'x-should-retry': 'false', 'retry-after-ms': '1500' });
    });
    const model = createOllama({
      host: server.url,
      retry: { ...FAST_RETRY, maxRetries: 2 },
    }).languageModel('llama3.2');
    expect((await model.generateObject(objectCall)).value).toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);

    const error = await rejectionOf(model.generateObject(objectCall));
    expect(error).toMatchObject({ status: 503, isRetryable: false, retryAfterMs: 1500 });
    expect(server.requests).toHaveLength(4);
  });

  it('turns connection refused into a retryable ModelError after retrying', async () => {
    const url = await closedPortUrl();
    const model = createOllama({ host: url, retry: { ...FAST_RETRY, maxRetries: 1 } });
    const error = await rejectionOf(model.languageModel('llama3.2').generateObject(objectCall));
    expect(ModelError.is(error)).toBe(true);
    expect(error).toMatchObject({ isRetryable: true, status: undefined, model: 'llama3.2' });
    expect((error as Error).message).toMatch(/Cannot reach Ollama at .*connection refused/);

    const embedError = await rejectionOf(model.embedder('e').embed({ texts: ['a'] }));
    expect(embedError).toMatchObject({ code: 'model', isRetryable: true });
  });

  it('times out with the provider timeoutMs when the call sets none, and the call timeout wins', async () => {
    const server = await startServer(() => {}); // never answers
    const ollama = createOllama({ host: server.url, timeoutMs: 40 });
    const error = await rejectionOf(ollama.languageModel('m').generateObject(objectCall));
    expect(TimeoutError.is(error)).toBe(true);
    expect((error as TimeoutError).timeoutMs).toBe(40);

    const own = await rejectionOf(
      ollama.languageModel('m').generateObject({ ...objectCall, timeoutMs: 20 }),
    );
    expect((own as TimeoutError).timeoutMs).toBe(20);

    const embedError = await rejectionOf(ollama.embedder('e').embed({ texts: ['a'] }));
    expect(TimeoutError.is(embedError)).toBe(true);
  });

  it('times out while waiting to retry, as a TimeoutError', async () => {
    const server = await startServer((_request, res) => sendError(res, 500, 'boom'));
    const model = createOllama({
      host: server.url,
      retry: { initialDelayMs: 5_000, maxDelayMs: 5_000 },
    }).languageModel('m');
    const error = await rejectionOf(model.generateObject({ ...objectCall, timeoutMs: 50 }));
    expect(TimeoutError.is(error)).toBe(true);
  });

  it('aborts one structured call without aborting another', async () => {
    const server = await startServer((request, res) => {
      if (firstMessage(request) === 'hang') return;
      setTimeout(() => sendChat(res, 'm', '{"ok": true}'), 30);
    });
    const model = createOllama({ host: server.url }).languageModel('m');
    const controller = new AbortController();
    const hanging = model.generateObject({
      ...objectCall,
      messages: [{ role: 'user', content: 'hang' }],
      signal: controller.signal,
    });
    const other = model.generateObject(objectCall);
    setTimeout(() => controller.abort(), 10);
    expect(AbortedError.is(await rejectionOf(hanging))).toBe(true);
    expect((await other).value).toEqual({ ok: true });
  });

  it('rejects a malformed 2xx answer as a non-retryable ModelError', async () => {
    const server = await startServer((request, res) => {
      if (request.path === '/api/embed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ embeddings: [[0.1, 0.2]] }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>proxy login</html>');
    });
    const ollama = createOllama({ host: server.url });
    const error = await rejectionOf(ollama.languageModel('m').generateObject(objectCall));
    expect(error).toMatchObject({ code: 'model', isRetryable: false });
    expect((error as Error).message).toMatch(/expected JSON/);
    const embedError = await rejectionOf(ollama.embedder('e').embed({ texts: ['a', 'b'] }));
    expect((embedError as Error).message).toMatch(/expected 2 embeddings, got 1/);
  });

  it('sends no request for a pre-aborted embedding', async () => {
    const server = await startServer((request, res) => sendEmbeddings(res, request));
    const embedder = createOllama({ host: server.url }).embedder('e');
    const error = await rejectionOf(embedder.embed({ texts: ['a'], signal: AbortSignal.abort() }));
    expect(AbortedError.is(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});
