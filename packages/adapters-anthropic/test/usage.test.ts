import { describe, expect, it } from 'vitest';
import type { AnthropicCallRecord } from '../src/index.js';
import {
  ANSWERING_MODEL,
  errorReply,
  MODEL_ID,
  messageReply,
  textStreamEvents,
  toolUseBlock,
} from './anthropic-wire.js';
import { answerSchema, anthropicHarness } from './harness.js';

const messages = [
  { role: 'system' as const, content: 'Static rules.', cacheBreakpoint: true },
  { role: 'user' as const, content: 'Question.' },
];
const objectCall = { task: 'actionable', traceId: 'trace-1', schema: answerSchema, messages };
const ANSWER = { answer: 'yes', score: 3 };
// Anthropic's input_tokens excludes cache reads and writes.
const CACHED_USAGE = {
  input_tokens: 50,
  output_tokens: 30,
  cache_read_input_tokens: 1000,
  cache_creation_input_tokens: 200,
};

describe('usage', () => {
  it('maps cache reads and writes, with inputTokens as the total input', async () => {
    const { model } = await anthropicHarness(() =>
      messageReply([toolUseBlock('respond', ANSWER)], { usage: CACHED_USAGE }),
    );
    const result = await model.generateObject(objectCall);
    expect(result.usage).toEqual({
      inputTokens: 1250,
      outputTokens: 30,
      cachedInputTokens: 1000,
      cacheWriteTokens: 200,
    });
  });

  it('takes stream usage from message_start and the cumulative message_delta', async () => {
    const { model } = await anthropicHarness(() => ({
      type: 'sse',
      events: textStreamEvents(['a', 'b'], {
        usage: { input_tokens: 20, cache_read_input_tokens: 500, cache_creation_input_tokens: 0 },
        finalOutputTokens: 7,
      }),
    }));
    const result = await model.streamText({ task: 'compose', messages }).result;
    expect(result).toEqual({
      text: 'ab',
      model: ANSWERING_MODEL,
      usage: { inputTokens: 520, outputTokens: 7, cachedInputTokens: 500, cacheWriteTokens: 0 },
      finishReason: 'stop',
    });
  });
});

describe('onCall', () => {
  const prices = {
    [MODEL_ID]: {
      inputPerMillion: 1,
      outputPerMillion: 5,
      cachedInputPerMillion: 0.1,
      cacheWritePerMillion: 1.25,
    },
  };

  it('reports usage and cost per call, pricing by the configured id', async () => {
    const events: AnthropicCallRecord[] = [];
    const { model } = await anthropicHarness(
      () => messageReply([toolUseBlock('respond', ANSWER)], { usage: CACHED_USAGE }),
      { prices, onCall: (event) => events.push(event) },
    );
    await model.generateObject(objectCall);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      provider: 'anthropic',
      task: 'actionable',
      traceId: 'trace-1',
      kind: 'object',
      model: ANSWERING_MODEL,
      responseModel: ANSWERING_MODEL,
      requests: 1,
      usage: { inputTokens: 1250, cachedInputTokens: 1000, cacheWriteTokens: 200 },
    });
    expect(event?.error).toBeUndefined();
    expect(JSON.parse(event?.output ?? '')).toEqual(ANSWER);
    expect(event?.messages).toEqual(messages);
    expect(Date.parse(event?.endedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(event?.startedAt ?? ''),
    );
    // 50 uncached × $1 + 1000 cached × $0.10 + 200 written × $1.25 + 30 out × $5, per million.
    expect(event?.costUsd).toBeCloseTo((50 + 100 + 250 + 150) / 1_000_000, 12);
    expect(event?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('prefers a price for the answering model id, and leaves unknown models unpriced', async () => {
    const events: AnthropicCallRecord[] = [];
    const reply = () => messageReply([toolUseBlock('respond', ANSWER)], { usage: CACHED_USAGE });
    const { provider } = await anthropicHarness(reply, {
      prices: { [ANSWERING_MODEL]: { inputPerMillion: 2, outputPerMillion: 0 } },
      onCall: (event) => events.push(event),
    });
    await provider.languageModel(MODEL_ID).generateObject(objectCall);
    expect(events[0]?.costUsd).toBeCloseTo((1250 * 2) / 1_000_000, 12);
    const { provider: unpriced } = await anthropicHarness(reply, {
      onCall: (event) => events.push(event),
    });
    await unpriced.languageModel(MODEL_ID).generateObject(objectCall);
    expect(events[1]?.costUsd).toBeUndefined();
  });

  it('reports failures with their error and request count, and survives a throwing listener', async () => {
    const events: AnthropicCallRecord[] = [];
    const { model } = await anthropicHarness(() => errorReply(500, 'api_error', 'Internal'), {
      onCall: (event) => {
        events.push(event);
        throw new Error('listener bug');
      },
    });
    await expect(model.generateObject(objectCall)).rejects.toMatchObject({ status: 500 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      requests: 3,
      model: MODEL_ID,
      responseModel: undefined,
      costUsd: undefined,
    });
    expect(events[0]?.error).toMatch(/failed \(500 api_error\): Internal/);
    expect(events[0]?.output).toBeUndefined();
  });

  it('reports a stream once it ends', async () => {
    const events: AnthropicCallRecord[] = [];
    const { model } = await anthropicHarness(
      () => ({ type: 'sse', events: textStreamEvents(['Hi']) }),
      { prices, onCall: (event) => events.push(event) },
    );
    await model.streamText({ task: 'compose', messages }).result;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'text', task: 'compose', requests: 1, output: 'Hi' });
    expect(events[0]?.costUsd).toBeGreaterThan(0);
  });
});
