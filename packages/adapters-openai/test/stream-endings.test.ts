import { ModelError } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { replyStream } from './fake-openai-server.js';
import { setup } from './harness.js';

const messages = [{ role: 'user' as const, content: 'Hello' }];

async function read(stream: AsyncIterable<string>) {
  const deltas: string[] = [];
  const error = await (async () => {
    for await (const delta of stream) deltas.push(delta);
  })().then(
    () => undefined,
    (e: unknown) => e,
  );
  return { deltas, error };
}

describe('how a stream ends', () => {
  for (const drop of ['close', 'reset'] as const) {
    it(`fails a stream whose connection is dropped mid-way (${drop}) after its deltas`, async () => {
      const { provider, requests } = await setup((_request, res) =>
        replyStream(res, ['Your order', ' is'], { drop }),
      );
      const stream = provider('m').streamText({ task: 'compose', messages });
      const { deltas, error } = await read(stream);
      expect(deltas).toEqual(['Your order', ' is']);
      expect(ModelError.is(error)).toBe(true);
      expect(error).toMatchObject({ task: 'compose', isRetryable: true });
      await expect(stream.result).rejects.toBeInstanceOf(ModelError);
      // Text already went out: never retried.
      expect(requests).toHaveLength(1);
    });
  }

  it.each([
    ['stop', 'stop'],
    ['length', 'max-tokens'],
    ['content_filter', 'content-filter'],
  ])('reports finish_reason %s as %s', async (wire, reason) => {
    const { provider } = await setup((_request, res) =>
      replyStream(res, ['Your order', ' ships'], { finishReason: wire }),
    );
    const result = await provider('m').streamText({ task: 'compose', messages }).result;
    expect(result).toMatchObject({ text: 'Your order ships', finishReason: reason });
  });
});
