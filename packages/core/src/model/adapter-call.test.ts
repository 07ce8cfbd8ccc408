import { describe, expect, it } from 'vitest';
import { AbortedError, ModelError, TimeoutError } from '../errors/errors.js';
import {
  type AdapterCallOptions,
  type AdapterCallRecord,
  openAdapterCall,
} from './adapter-call.js';
import { startCallRecord } from './call-record.js';

const messages = [{ role: 'user' as const, content: 'Hi' }];
const usage = (input: number, output: number) => ({
  inputTokens: input,
  outputTokens: output,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
});

function options(overrides: Partial<AdapterCallOptions> = {}) {
  const records: AdapterCallRecord[] = [];
  return {
    records,
    options: {
      kind: 'object',
      task: 'actionable',
      traceId: 'trace-1',
      provider: 'vendor',
      model: 'alias',
      messages,
      operation: "vendor call for task 'actionable'",
      toError: (error: unknown) =>
        ModelError.is(error) || TimeoutError.is(error) || AbortedError.is(error)
          ? error
          : new ModelError(`mapped: ${String(error)}`, { isRetryable: true }),
      retry: { initialDelayMs: 1, maxDelayMs: 1 },
      prices: {
        alias: { inputPerMillion: 1, outputPerMillion: 1 },
        'alias-2025': { inputPerMillion: 2, outputPerMillion: 2 },
      },
      onCall: (record: AdapterCallRecord) => {
        records.push(record);
      },
      ...overrides,
    } satisfies AdapterCallOptions,
  };
}

describe('openAdapterCall', () => {
  it('reports one record with usage summed over responses, requests, cost and output', async () => {
    const { records, options: callOptions } = options();
    const call = openAdapterCall(callOptions);
    let attempts = 0;
    const answer = await call.send(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('socket hang up');
      return 'first';
    });
    call.record(usage(10, 2), 'alias-2025');
    await call.send(async () => 'repair');
    call.record(usage(5, 1), '');
    call.succeed('{"ok":true}');

    expect(answer).toBe('first');
    expect(call.usage).toEqual(usage(15, 3));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'object',
      task: 'actionable',
      traceId: 'trace-1',
      provider: 'vendor',
      model: 'alias',
      responseModel: 'alias-2025',
      requests: 3,
      usage: usage(15, 3),
      output: '{"ok":true}',
      messages,
    });
    // Priced by the model that answered, which has its own price.
    expect(records[0]?.costUsd).toBeCloseTo((18 * 2) / 1_000_000, 12);
    expect(records[0]?.error).toBeUndefined();
  });

  it("reports the server's model id when asked to, and prices by the configured one without it", () => {
    const { records, options: callOptions } = options({ reportedModel: 'response' });
    const unanswered = openAdapterCall(callOptions);
    expect(unanswered.model).toBe('alias');
    unanswered.record(usage(1, 1));
    unanswered.succeed('x');
    expect(records[0]).toMatchObject({ model: 'alias', responseModel: undefined });
    expect(records[0]?.costUsd).toBeCloseTo(2 / 1_000_000, 12);

    const answered = openAdapterCall(callOptions);
    answered.record(usage(1, 1), 'snapshot-without-price');
    expect(answered.model).toBe('snapshot-without-price');
    answered.succeed();
    expect(records[1]).toMatchObject({ model: 'snapshot-without-price' });
    expect(records[1]?.costUsd).toBeCloseTo(2 / 1_000_000, 12);
    expect(records[1] && 'output' in records[1]).toBe(false);
  });

  it('fails with the mapped error, or the deadline error once it fired, and reports it', async () => {
    const { records, options: callOptions } = options({ retry: { maxRetries: 0 } });
    const call = openAdapterCall(callOptions);
    const error = await call.send(() => Promise.reject(new Error('refused'))).catch(call.fail);
    expect(ModelError.is(error) && error.message).toBe('mapped: Error: refused');
    expect(records[0]).toMatchObject({ requests: 1, error: 'mapped: Error: refused' });

    const controller = new AbortController();
    const aborted = openAdapterCall({ ...callOptions, signal: controller.signal });
    const hanging = aborted.send(() => new Promise(() => {})).catch(aborted.fail);
    controller.abort();
    expect(AbortedError.is(await hanging)).toBe(true);
    expect(records[1]?.error).toMatch(/aborted/);
  });

  it('times out with the call timeout and ignores a throwing or rejecting listener', async () => {
    const throwing = openAdapterCall({
      ...options().options,
      timeoutMs: 10,
      onCall: () => {
        throw new Error('listener bug');
      },
    });
    const error = await throwing.send(() => new Promise(() => {})).catch(throwing.fail);
    expect(TimeoutError.is(error)).toBe(true);
    const rejecting = openAdapterCall({
      ...options().options,
      onCall: () => Promise.reject(new Error('async listener bug')),
    });
    expect(() => rejecting.succeed('ok')).not.toThrow();
  });

  it('reports nothing without a listener', async () => {
    const call = openAdapterCall({ ...options().options, onCall: undefined });
    await expect(call.send(async () => 1)).resolves.toBe(1);
    expect(() => call.succeed()).not.toThrow();
  });
});

describe('startCallRecord', () => {
  it('builds a record with timing, a copy of the prompt, zero usage by default and the error message', () => {
    const finish = startCallRecord({
      task: 't',
      traceId: undefined,
      kind: 'text',
      provider: 'p',
      model: 'm',
      messages,
    });
    const failed = finish({ error: new Error('boom') });
    expect(failed).toMatchObject({
      task: 't',
      kind: 'text',
      provider: 'p',
      model: 'm',
      error: 'boom',
      usage: usage(0, 0),
    });
    expect(failed.messages).toEqual(messages);
    expect(failed.messages).not.toBe(messages);
    expect('output' in failed).toBe(false);
    expect(failed.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(failed.endedAt)).toBeGreaterThanOrEqual(Date.parse(failed.startedAt));
    expect(finish({ error: 'plain' }).error).toBe('plain');
    expect(finish({ output: 'Hi', model: 'm-2' })).toMatchObject({ output: 'Hi', model: 'm-2' });
  });
});
