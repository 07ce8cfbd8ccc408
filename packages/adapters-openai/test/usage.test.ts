import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OpenAICallRecord } from '../src/index.js';
import { replyCompletion, replyError, replyStream, replyText } from './fake-openai-server.js';
import { setup } from './harness.js';

const messages = [{ role: 'user' as const, content: 'Hello' }];
const schema = z.object({ ok: z.boolean() });
const cachedUsage = {
  prompt_tokens: 2000,
  completion_tokens: 100,
  total_tokens: 2100,
  prompt_tokens_details: { cached_tokens: 1536 },
};
const cachedModelUsage = {
  inputTokens: 2000,
  outputTokens: 100,
  cachedInputTokens: 1536,
  cacheWriteTokens: 0,
};
const prices = {
  'gpt-4.1-mini': { inputPerMillion: 0.4, cachedInputPerMillion: 0.1, outputPerMillion: 1.6 },
};
const oneResponseCost = (464 * 0.4 + 1536 * 0.1 + 100 * 1.6) / 1_000_000;

describe('usage and cost', () => {
  it('maps cached tokens from a completion', async () => {
    const { provider } = await setup((request, res) =>
      replyText(res, request, '{"ok":true}', cachedUsage),
    );
    const result = await provider('gpt-4.1-mini').generateObject({
      task: 'check',
      messages,
      schema,
    });
    expect(result.usage).toEqual(cachedModelUsage);
    expect(result.model).toBe('gpt-4.1-mini');
  });

  it('takes stream usage (with cached tokens) from the final chunk', async () => {
    const { provider } = await setup((_request, res) =>
      replyStream(res, ['Hel', 'lo'], { usage: cachedUsage }),
    );
    const result = await provider('gpt-4.1-mini').streamText({ task: 'compose', messages }).result;
    expect(result).toEqual({
      text: 'Hello',
      model: 'gpt-4.1-mini',
      usage: cachedModelUsage,
      finishReason: 'stop',
    });
  });

  it('reports each call once to onCall with usage summed over attempts and its cost', async () => {
    const records: OpenAICallRecord[] = [];
    const { provider } = await setup(
      (request, res, index) =>
        request.body.stream
          ? replyStream(res, ['Hi'], { usage: cachedUsage })
          : replyCompletion(res, {
              content: index === 0 ? 'nope' : '{"ok":true}',
              usage: cachedUsage,
            }),
      { prices, onCall: (record) => records.push(record) },
    );
    const model = provider('gpt-4.1-mini');
    await model.generateObject({ task: 'check', traceId: 'trace-1', messages, schema });
    await model.streamText({ task: 'compose', messages }).result;

    expect(records).toHaveLength(2);
    const [object, text] = records;
    expect(object).toMatchObject({
      kind: 'object',
      task: 'check',
      traceId: 'trace-1',
      provider: 'openai',
      model: 'gpt-4.1-mini',
      responseModel: 'gpt-fake-2025-01-01',
      output: '{"ok":true}',
      requests: 2,
      messages,
    });
    expect(object?.usage.inputTokens).toBe(4000);
    expect(object?.costUsd).toBeCloseTo(2 * oneResponseCost, 12);
    expect(object?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(text).toMatchObject({ kind: 'text', task: 'compose', output: 'Hi', requests: 1 });
    expect(text?.costUsd).toBeCloseTo(oneResponseCost, 12);
  });

  it('reports failed calls with what they cost and the error', async () => {
    const records: OpenAICallRecord[] = [];
    const { provider } = await setup(
      (request, res, index) =>
        index < 2 ? replyText(res, request, 'not json', cachedUsage) : replyError(res, 500, 'down'),
      {
        prices,
        retry: { maxRetries: 1, initialDelayMs: 1 },
        onCall: (record) => records.push(record),
      },
    );
    await expect(
      provider('gpt-4.1-mini').generateObject({ task: 'check', messages, schema }),
    ).rejects.toThrow();
    await expect(
      provider('gpt-4.1-mini').generateObject({ task: 'check', messages, schema }),
    ).rejects.toThrow(/down/);
    const [invalid, failed] = records;
    expect(invalid?.requests).toBe(2);
    expect(invalid && 'output' in invalid).toBe(false);
    expect(invalid?.error).toMatch(/does not match its schema/);
    expect(invalid?.costUsd).toBeCloseTo(2 * oneResponseCost, 12);
    expect(failed).toMatchObject({ requests: 2, costUsd: 0 });
    expect(failed?.error).toMatch(/500 down/);
  });

  it('prices by the reported model when the configured id has no price, else leaves it undefined', async () => {
    const records: OpenAICallRecord[] = [];
    const { provider } = await setup((_request, res) => replyStream(res, ['Hi']), {
      prices: { 'gpt-fake-2025-01-01': { inputPerMillion: 1, outputPerMillion: 1 } },
      onCall: (record) => records.push(record),
    });
    await provider('alias').streamText({ task: 'compose', messages }).result;
    expect(records[0]?.costUsd).toBeCloseTo(28 / 1_000_000, 12);

    const unpriced: OpenAICallRecord[] = [];
    const other = await setup((_request, res) => replyStream(res, ['Hi']), {
      onCall: (record) => unpriced.push(record),
    });
    await other.provider('m').streamText({ task: 'compose', messages }).result;
    expect(unpriced[0]?.costUsd).toBeUndefined();
  });

  it('ignores a throwing or rejecting onCall listener', async () => {
    const { provider } = await setup((_request, res) => replyStream(res, ['Hi']), {
      onCall: () => {
        throw new Error('listener bug');
      },
    });
    await expect(
      provider('m').streamText({ task: 'compose', messages }).result,
    ).resolves.toMatchObject({ text: 'Hi' });
    const rejecting = await setup((_request, res) => replyStream(res, ['Hi']), {
      onCall: () => Promise.reject(new Error('async listener bug')),
    });
    await expect(
      rejecting.provider('m').streamText({ task: 'compose', messages }).result,
    ).resolves.toMatchObject({ text: 'Hi' });
  });
});
