import { ModelError } from '@conduct/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createOllama } from '../src/index.js';
import { fakeOllamaPool, streamChat } from './fake-ollama-server.js';

const startServer = fakeOllamaPool(afterEach);
const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('how a stream ends', () => {
  it('fails a stream whose connection is reset mid-way, after its deltas', async () => {
    const server = await startServer((_request, res) =>
      streamChat(res, 'm', ['Your order', ' is'], { reset: true }),
    );
    const stream = createOllama({ host: server.url })
      .languageModel('m')
      .streamText({ task: 'compose', messages });
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const delta of stream) deltas.push(delta);
    })().catch((e: unknown) => e);
    expect(deltas).toEqual(['Your order', ' is']);
    expect(ModelError.is(error)).toBe(true);
    expect(error).toMatchObject({ task: 'compose', isRetryable: true });
    // Not "cannot reach Ollama": it was reached, and the stream broke off.
    expect((error as Error).message).toMatch(/cut off after 13 characters/);
    await expect(stream.result).rejects.toBeInstanceOf(ModelError);
  });

  it.each([
    ['stop', 'stop'],
    ['length', 'max-tokens'],
  ])('reports done_reason %s as %s', async (wire, reason) => {
    const server = await startServer((_request, res) =>
      streamChat(res, 'm', ['Your order', ' ships'], { doneReason: wire }),
    );
    const result = await createOllama({ host: server.url })
      .languageModel('m')
      .streamText({ task: 'compose', messages }).result;
    expect(result).toMatchObject({ text: 'Your order ships', finishReason: reason });
  });
});
