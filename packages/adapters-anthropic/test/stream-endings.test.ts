import { ModelError } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { textStreamEvents } from './anthropic-wire.js';
import { anthropicHarness } from './harness.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('how a stream ends', () => {
  it('fails a stream whose connection is reset mid-way, after its deltas', async () => {
    const { server, model } = await anthropicHarness(() => ({
      type: 'sse',
      events: textStreamEvents(['Your order', ' is'], { complete: false }),
      reset: true,
    }));
    const stream = model.streamText({ task: 'compose', messages });
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const delta of stream) deltas.push(delta);
    })().catch((e: unknown) => e);
    expect(deltas).toEqual(['Your order', ' is']);
    expect(ModelError.is(error)).toBe(true);
    expect(error).toMatchObject({ task: 'compose', isRetryable: true });
    expect((error as Error).message).toMatch(/cut off after 13 characters/);
    await expect(stream.result).rejects.toBeInstanceOf(ModelError);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['end_turn', 'stop'],
    ['max_tokens', 'max-tokens'],
    ['refusal', 'content-filter'],
  ])('reports stop_reason %s as %s', async (wire, reason) => {
    const { model } = await anthropicHarness(() => ({
      type: 'sse',
      events: textStreamEvents(['Your order', ' ships'], { stopReason: wire }),
    }));
    const result = await model.streamText({ task: 'compose', messages }).result;
    expect(result).toMatchObject({ text: 'Your order ships', finishReason: reason });
  });
});
