import { AbortedError, ModelError } from '@conduct/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createOllama } from '../src/index.js';
import { fakeOllamaPool, firstMessage, streamChat } from './fake-ollama-server.js';

const startServer = fakeOllamaPool(afterEach);
const messages = [{ role: 'user' as const, content: 'Where is my order?' }];

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const deltas: string[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

describe('streamText over NDJSON', () => {
  it('yields each line as a delta, in order, and reports usage from the counters', async () => {
    const server = await startServer((_request, res) =>
      streamChat(res, 'llama3.2', ['Your', ' order', ' shipped', '.'], {
        counts: { promptEvalCount: 41, evalCount: 5 },
        delayMs: 2,
      }),
    );
    const stream = createOllama({ host: server.url })
      .languageModel('llama3.2')
      .streamText({ task: 'compose', messages });

    expect(await collect(stream)).toEqual(['Your', ' order', ' shipped', '.']);
    expect(await stream.result).toEqual({
      text: 'Your order shipped.',
      model: 'llama3.2',
      usage: { inputTokens: 41, outputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0 },
      finishReason: 'stop',
    });
  });

  it('parses lines split across network writes and several lines in one write', async () => {
    const lines = ['Hel', 'lo ', 'wörld'].map(
      (content) =>
        `${JSON.stringify({ model: 'm', message: { role: 'assistant', content }, done: false })}\n`,
    );
    const last = `${JSON.stringify({ model: 'm', message: { role: 'assistant', content: '' }, done: true, eval_count: 3 })}\n`;
    const wire = Buffer.from(lines.join('') + last);
    const server = await startServer(async (_request, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      // Cut inside a line and inside the multi-byte 'ö'.
      const cuts = [10, wire.indexOf('ö') + 1, wire.length - 5, wire.length];
      let from = 0;
      for (const cut of cuts) {
        res.write(wire.subarray(from, cut));
        from = cut;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      res.end();
    });
    const stream = createOllama({ host: server.url })
      .languageModel('m')
      .streamText({ task: 'compose', messages });
    expect((await collect(stream)).join('')).toBe('Hello wörld');
    expect((await stream.result).usage.outputTokens).toBe(3);
  });

  it('leaves thinking text out of the output', async () => {
    const server = await startServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const line = (message: object, done = false) =>
        `${JSON.stringify({ model: 'qwen3', message: { role: 'assistant', ...message }, done })}\n`;
      res.write(line({ content: '', thinking: 'The customer wants' }));
      res.write(line({ content: '', thinking: ' a refund.' }));
      res.write(line({ content: 'Sure.' }));
      res.end(line({ content: '' }, true));
    });
    const stream = createOllama({ host: server.url })
      .languageModel('qwen3')
      .streamText({ task: 'compose', messages });
    expect(await collect(stream)).toEqual(['Sure.']);
  });

  it('settles result without iteration', async () => {
    const server = await startServer((_request, res) => streamChat(res, 'm', ['a', 'b']));
    const stream = createOllama({ host: server.url })
      .languageModel('m')
      .streamText({ task: 'compose', messages });
    expect((await stream.result).text).toBe('ab');
  });

  it('turns an error line in the stream into a ModelError after the deltas before it', async () => {
    const server = await startServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(`${JSON.stringify({ model: 'm', message: { content: 'Par' }, done: false })}\n`);
      res.end(`${JSON.stringify({ error: 'an error was encountered while running the model' })}\n`);
    });
    const stream = createOllama({ host: server.url })
      .languageModel('m')
      .streamText({ task: 'compose', messages });
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const delta of stream) deltas.push(delta);
    })().catch((rejection: unknown) => rejection);
    expect(deltas).toEqual(['Par']);
    expect(ModelError.is(error)).toBe(true);
    expect((error as ModelError).message).toMatch(/error was encountered while running the model/);
    await expect(stream.result).rejects.toMatchObject({ code: 'model', task: 'compose' });
  });

  it('fails a stream that ends without a done line', async () => {
    const server = await startServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(`${JSON.stringify({ model: 'm', message: { content: 'cut' }, done: false })}\n`);
    });
    const stream = createOllama({ host: server.url })
      .languageModel('m')
      .streamText({ task: 'compose', messages });
    await expect(stream.result).rejects.toMatchObject({
      code: 'model',
      message: expect.stringMatching(/ended before `done`/),
    });
  });

  it('aborts one stream mid-way without disturbing another on the same provider', async () => {
    const server = await startServer((request, res) => {
      const stall = firstMessage(request) === 'stall';
      return streamChat(res, 'm', ['one', ' two', ' three'], { stall, delayMs: 5 });
    });
    const model = createOllama({ host: server.url }).languageModel('m');
    const controller = new AbortController();
    const aborted = model.streamText({
      task: 'compose',
      messages: [{ role: 'user', content: 'stall' }],
      signal: controller.signal,
    });
    const other = model.streamText({ task: 'compose', messages });

    const seen: string[] = [];
    const abortedError = await (async () => {
      for await (const delta of aborted) {
        seen.push(delta);
        controller.abort();
      }
    })().catch((error: unknown) => error);

    expect(AbortedError.is(abortedError)).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    await expect(aborted.result).rejects.toSatisfy((error) => AbortedError.is(error));
    expect((await other.result).text).toBe('one two three');
  });
});
