import { AbortedError, TimeoutError } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import type { AnthropicCallRecord } from '../src/index.js';
import { errorReply, textStreamEvents } from './anthropic-wire.js';
import { answerSchema, anthropicHarness } from './harness.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];
const objectCall = { task: 'actionable', schema: answerSchema, messages };

describe('timeouts and aborts', () => {
  it('times out with the provider default timeoutMs, and a request can override it', async () => {
    const { model, provider } = await anthropicHarness(() => ({ type: 'hang' }), { timeoutMs: 40 });
    const error = await model.generateObject(objectCall).catch((e) => e);
    expect(TimeoutError.is(error), String(error)).toBe(true);
    expect((error as TimeoutError).timeoutMs).toBe(40);
    const overridden = await provider
      .languageModel('claude-test-1', { timeoutMs: 1_000 })
      .generateObject({ ...objectCall, timeoutMs: 30 })
      .catch((e) => e);
    expect((overridden as TimeoutError).timeoutMs).toBe(30);
  });

  it('reports a timeout, not an abort, when it fires while waiting to retry', async () => {
    const { server, model } = await anthropicHarness(
      () => errorReply(429, 'rate_limit_error', 'Slow down', { 'retry-after': '5' }),
      { retry: { maxRetries: 3 } },
    );
    const error = await model.generateObject({ ...objectCall, timeoutMs: 60 }).catch((e) => e);
    expect(TimeoutError.is(error), String(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('aborts a stream mid-way, closes the connection and reports the partial usage', async () => {
    const events: AnthropicCallRecord[] = [];
    const { server, model } = await anthropicHarness(
      () => ({
        type: 'sse',
        events: textStreamEvents(['Hello', ' there'], {
          complete: false,
          usage: { input_tokens: 12 },
        }),
        stall: true,
      }),
      { onCall: (event) => events.push(event) },
    );
    const controller = new AbortController();
    const stream = model.streamText({ task: 'compose', messages, signal: controller.signal });
    const deltas: string[] = [];
    const iteration = (async () => {
      for await (const delta of stream) {
        deltas.push(delta);
        if (deltas.length === 2) controller.abort();
      }
    })();
    await expect(iteration).rejects.toSatisfy((e) => AbortedError.is(e));
    await expect(stream.result).rejects.toSatisfy((e) => AbortedError.is(e));
    expect(deltas).toEqual(['Hello', ' there']);
    expect(server.requests).toHaveLength(1);
    await server.requests[0]?.closed;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'text',
      requests: 1,
      usage: { inputTokens: 12, outputTokens: 1 },
    });
    expect(events[0]?.error).toMatch(/aborted/);
  });

  it('surfaces a mid-stream error event as a ModelError without retrying', async () => {
    const { server, model } = await anthropicHarness(() => ({
      type: 'sse',
      events: [
        ...textStreamEvents(['Partial'], { complete: false }),
        {
          event: 'error',
          data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
        },
      ],
    }));
    const stream = model.streamText({ task: 'compose', messages });
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const delta of stream) deltas.push(delta);
    })().catch((e) => e);
    expect(deltas).toEqual(['Partial']);
    expect(error).toMatchObject({
      name: 'ModelError',
      status: 529,
      isRetryable: true,
      task: 'compose',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('fails a stream that ends without message_stop', async () => {
    const { model } = await anthropicHarness(() => ({
      type: 'sse',
      events: textStreamEvents(['Cut'], { complete: false }),
    }));
    await expect(model.streamText({ task: 'compose', messages }).result).rejects.toThrow(
      /ended before message_stop/,
    );
  });
});
