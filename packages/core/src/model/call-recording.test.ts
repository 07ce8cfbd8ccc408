import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scripted } from '../testing/model-script.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { recordModelCalls } from './call-recording.js';
import { createFallbackModel } from './fallback-model.js';
import type { ModelCallRecord } from './language-model.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('recordModelCalls', () => {
  it('keeps the identity of the model and records successful and failed calls', async () => {
    const records: ModelCallRecord[] = [];
    const inner = createScriptedModel({ modelId: 'inner' })
      .on('ok', { n: 1 })
      .on('bad', scripted.fail('bad gateway', { retryable: true, status: 502 }))
      .on('compose', 'Hello');
    const model = recordModelCalls(inner, (record) => {
      records.push(record);
    });
    expect([model.provider, model.modelId]).toEqual(['scripted', 'inner']);

    const schema = z.object({ n: z.number() });
    await model.generateObject({ task: 'ok', messages, schema });
    await expect(model.generateObject({ task: 'bad', messages, schema })).rejects.toThrow(
      'bad gateway',
    );
    const stream = model.streamText({ task: 'compose', messages, traceId: 't1' });
    expect(records).toHaveLength(2);
    await stream.result;

    expect(
      records.map(({ task, kind, model, output, error, traceId }) => ({
        task,
        kind,
        model,
        output,
        error,
        traceId,
      })),
    ).toEqual([
      {
        task: 'ok',
        kind: 'object',
        model: 'inner',
        output: '{"n":1}',
        error: undefined,
        traceId: undefined,
      },
      {
        task: 'bad',
        kind: 'object',
        model: 'inner',
        output: undefined,
        error: 'bad gateway',
        traceId: undefined,
      },
      {
        task: 'compose',
        kind: 'text',
        model: 'inner',
        output: 'Hello',
        error: undefined,
        traceId: 't1',
      },
    ]);
    expect(records[2]?.usage).toEqual({
      inputTokens: 1,
      outputTokens: 2,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(records[0]?.messages).toEqual(messages);
    expect(records[0]?.messages).not.toBe(messages);
  });

  it('records a streamText that throws synchronously', () => {
    const records: ModelCallRecord[] = [];
    const model = recordModelCalls(
      {
        provider: 'p',
        modelId: 'm',
        generateObject: () => Promise.reject(new Error('unused')),
        streamText: () => {
          throw new Error('no streaming');
        },
      },
      (record) => {
        records.push(record);
      },
    );
    expect(() => model.streamText({ task: 't', messages })).toThrow('no streaming');
    expect(records.map((record) => record.error)).toEqual(['no streaming']);
  });
});

describe('createFallbackModel', () => {
  it('returns a single model unchanged and names the primary model', () => {
    const a = createScriptedModel({ modelId: 'a' });
    const b = createScriptedModel({ modelId: 'b' });
    expect(createFallbackModel([a])).toBe(a);
    const chain = createFallbackModel([a, b]);
    expect([chain.provider, chain.modelId]).toEqual(['scripted', 'a']);
    expect(() => createFallbackModel([])).toThrow('A fallback chain needs at least one model');
  });
});
