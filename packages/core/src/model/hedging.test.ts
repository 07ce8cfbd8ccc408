import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AbortedError, ConfigurationError, ModelError, TimeoutError } from '../errors/errors.js';
import { scripted } from '../testing/model-script.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { recordModelCalls } from './call-recording.js';
import type { HedgingOptions } from './hedge-policy.js';
import type { ModelCallRecord, ModelMessage, TextStream } from './language-model.js';
import { createModelRouter, type ModelRouterOptions } from './router.js';

const schema = z.object({ ok: z.boolean() });
const messages: ModelMessage[] = [{ role: 'user', content: 'Is this a refund request?' }];
const ask = (task = 't', signal?: AbortSignal) => ({
  task,
  messages,
  schema,
  ...(signal ? { signal } : {}),
});
const STALL_MS = 2_000;

async function collect(stream: TextStream): Promise<{ deltas: string[]; error?: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
    return { deltas };
  } catch (error) {
    return { deltas, error };
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('hedging: structured calls', () => {
  it('answers near the hedge delay when the first request stalls, and aborts the loser', async () => {
    const model = createScriptedModel().queue('t', scripted.delay(STALL_MS, { ok: false }), {
      ok: true,
    });
    const router = createModelRouter({ default: model, hedging: { delayMs: 30 } });
    const { value: result, ms } = await timed(() => router.generateObject(ask()));
    expect(result.value).toEqual({ ok: true });
    expect(ms).toBeLessThan(STALL_MS / 2);
    expect(model.calls).toHaveLength(2);
    const [loser] = model.calls;
    expect(loser?.request.signal?.aborted).toBe(true);
    await vi.waitFor(() => expect(AbortedError.is(loser?.error)).toBe(true));
    expect(result.hedge).toMatchObject({
      winner: 'hedge',
      primaryModel: 'scripted-model',
      hedgeModel: 'scripted-model',
    });
    expect(result.hedge?.delayMs).toBeGreaterThanOrEqual(25);

    // The same stall with hedging off is waited out.
    const unhedged = createScriptedModel().queue('t', scripted.delay(150, { ok: true }));
    const off = createModelRouter({ default: unhedged, hedging: false });
    expect((await timed(() => off.generateObject(ask()))).ms).toBeGreaterThanOrEqual(140);
    expect(unhedged.calls).toHaveLength(1);
  });

  it('hedges on the next model of the fallback chain when there is one', async () => {
    const slow = createScriptedModel({ modelId: 'slow' }).on(
      't',
      scripted.delay(STALL_MS, { ok: false }),
    );
    const backup = createScriptedModel({ modelId: 'backup' }).on('t', { ok: true });
    const router = createModelRouter({ default: [slow, backup], hedging: { delayMs: 30 } });
    const { value: result, ms } = await timed(() => router.generateObject(ask()));
    expect(ms).toBeLessThan(STALL_MS / 2);
    expect(result).toMatchObject({
      model: 'backup',
      hedge: { winner: 'hedge', hedgeModel: 'backup' },
    });
    expect(slow.calls[0]?.request.signal?.aborted).toBe(true);
  });

  it('counts both requests in usage and records the hedge for the decision record', async () => {
    const model = createScriptedModel().queue('t', scripted.delay(STALL_MS, { ok: false }), {
      ok: true,
    });
    const records: ModelCallRecord[] = [];
    const router = createModelRouter({ default: model, hedging: { delayMs: 20 } });
    const turnModel = recordModelCalls(router, (record) => records.push(record));
    const result = await turnModel.generateObject(ask());
    const winner = model.calls[1]!.usage;
    expect(result.usage.inputTokens).toBe(2 * winner.inputTokens);
    expect(result.usage.outputTokens).toBe(winner.outputTokens);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      usage: result.usage,
      hedge: { winner: 'hedge', loserUsage: { inputTokens: winner.inputTokens, outputTokens: 0 } },
    });
  });

  it('lets the first request win when it answers before the hedge', async () => {
    const model = createScriptedModel().queue(
      't',
      scripted.delay(80, { ok: true }),
      scripted.delay(STALL_MS, { ok: false }),
    );
    const router = createModelRouter({ default: model, hedging: { delayMs: 20 } });
    const result = await router.generateObject(ask());
    expect(result.value).toEqual({ ok: true });
    expect(result.hedge?.winner).toBe('primary');
    expect(model.calls[1]?.request.signal?.aborted).toBe(true);
  });

  it('adapts: hedges past the recent p95 only once enough calls were seen', async () => {
    const model = createScriptedModel({ latencyMs: 5 }).on('t', { ok: true });
    const router = createModelRouter({
      default: model,
      hedging: { minSamples: 5, minDelayMs: 30 },
    });
    for (let index = 0; index < 4; index += 1) await router.generateObject(ask());
    // Four samples: not hedged yet, the stall is waited out.
    model.queue('t', scripted.delay(300, { ok: false }));
    const unhedged = await timed(() => router.generateObject(ask()));
    expect(unhedged.value.hedge).toBeUndefined();
    expect(unhedged.ms).toBeGreaterThanOrEqual(290);
    // Five successful samples now (the slow one counts too): the next stall is hedged.
    model.queue('t', scripted.delay(STALL_MS, { ok: false }));
    const hedged = await timed(() => router.generateObject(ask()));
    expect(hedged.value.hedge?.winner).toBe('hedge');
    expect(hedged.ms).toBeLessThan(STALL_MS / 2);
  });

  it('stops at once without hedging or falling back when the caller aborts', async () => {
    const model = createScriptedModel().on('t', scripted.hang());
    const router = createModelRouter({ default: model, hedging: { delayMs: 10 } });
    const controller = new AbortController();
    const call = router.generateObject(ask('t', controller.signal));
    setTimeout(() => controller.abort(), 40);
    await expect(call).rejects.toThrow(AbortedError);
    expect(model.calls).toHaveLength(2);
    expect(model.calls.every((c) => c.request.signal?.aborted)).toBe(true);
  });

  it('takes a 20 s stall down to about the usual latency (fake clock)', async () => {
    vi.useFakeTimers();
    const model = createScriptedModel({ latencyMs: 800 }).on('actionable', { ok: true });
    const router = createModelRouter({ default: model, hedging: { now: () => Date.now() } });
    const run = async () => {
      const started = Date.now();
      const call = router.generateObject(ask('actionable'));
      await vi.advanceTimersByTimeAsync(25_000);
      const result = await call;
      return { result, ms: Date.now() - started };
    };
    // Warm up: 20 ordinary calls of 800 ms.
    for (let index = 0; index < 20; index += 1) await run();
    model.queue('actionable', scripted.delay(20_000, { ok: false }));
    const started = Date.now();
    const call = router.generateObject(ask('actionable'));
    let settledAt: number | undefined;
    // A failure surfaces at `await call` below.
    call.then(
      () => {
        settledAt = Date.now();
      },
      () => {},
    );
    await vi.advanceTimersByTimeAsync(25_000);
    const result = await call;
    expect(result.hedge?.winner).toBe('hedge');
    // 800 ms p95 before the hedge starts + 800 ms for the hedge to answer.
    expect(settledAt! - started).toBe(1_600);
  });
});

describe('hedging: bounds', () => {
  it('hedges a cold task at 40 % of its deadline (at least 500 ms), within the budget', async () => {
    vi.useFakeTimers();
    /** When a call whose first request hangs settles, in fake ms, on a fresh router. */
    const settleTime = async (
      options: Omit<ModelRouterOptions, 'default'>,
      calls = 1,
    ): Promise<{ ms: number[]; results: unknown[] }> => {
      const model = createScriptedModel({ latencyMs: 100 }).on('actionable', { ok: true });
      const router = createModelRouter({
        default: model,
        ...options,
        hedging: { now: () => Date.now(), ...options.hedging },
      });
      const ms: number[] = [];
      const results: unknown[] = [];
      for (let index = 0; index < calls; index += 1) {
        model.queue('actionable', scripted.hang());
        const started = Date.now();
        let settledAt = Number.NaN;
        const call = router.generateObject(ask('actionable')).then(
          (result) => result,
          (error: unknown) => error,
        );
        const settled = call.then(() => {
          settledAt = Date.now();
        });
        await vi.advanceTimersByTimeAsync(40_000);
        results.push(await call);
        await settled;
        ms.push(settledAt - started);
      }
      return { ms, results };
    };
    // Default 15 s deadline: hedged at 6 s, answered 100 ms later, long before the deadline.
    const byDefault = await settleTime({});
    expect(byDefault.results[0]).toMatchObject({ value: { ok: true }, hedge: { delayMs: 6_000 } });
    expect(byDefault.ms[0]).toBe(6_100);
    // 40 % of 1 s is below the floor: hedged at 500 ms.
    const floored = await settleTime({ timeouts: { actionable: 1_000 } });
    expect(floored.results[0]).toMatchObject({ hedge: { delayMs: 500 } });
    // A deadline under the floor: 40 % of it, so the hedge still starts before the deadline.
    const short = await settleTime({ timeouts: { actionable: 200 } });
    expect(short.results[0]).toMatchObject({ hedge: { delayMs: 80 } });
    // The budget still caps hedges: the second hang is cut at the deadline, unhedged.
    const capped = await settleTime(
      { timeouts: { actionable: 1_000 }, hedging: { burst: 1, budgetRatio: 0 } },
      2,
    );
    expect(capped.results[0]).toMatchObject({ hedge: { winner: 'hedge' } });
    expect(TimeoutError.is(capped.results[1])).toBe(true);
    expect(capped.ms[1]).toBe(1_000);
  });

  it('refuses a fixed delay of 0 or one not below the deadline it applies to', () => {
    const model = createScriptedModel();
    const router = (hedging: HedgingOptions, timeouts?: Record<string, number>) => () =>
      createModelRouter({ default: model, hedging, ...(timeouts ? { timeouts } : {}) });
    expect(router({ delayMs: 0 })).toThrow(ConfigurationError);
    expect(router({ delayMs: { actionable: 0 } })).toThrow(/delayMs of task 'actionable'/);
    // One delay for every task: it must be below the smallest deadline (10 s).
    expect(router({ delayMs: 10_000 })).toThrow(
      /delayMs: 10000 ms is not below the smallest task deadline \(canned-preamble: 10000 ms\)/,
    );
    expect(router({ delayMs: 800 }, { actionable: 800 })).toThrow(ConfigurationError);
    expect(router({ delayMs: { actionable: 15_000 } })).toThrow(
      "delayMs of task 'actionable': 15000 ms is not below that task's deadline (15000 ms)",
    );
    expect(router({ delayMs: { actionable: 2_000 } }, { actionable: 1_500 })).toThrow(
      ConfigurationError,
    );
    // Below the deadline, or on a task without one: accepted.
    expect(router({ delayMs: { actionable: 14_999, custom: 60_000 } })).not.toThrow();
    expect(router({ delayMs: 9_000 })).not.toThrow();
  });

  it('hedges at most once per call', async () => {
    const model = createScriptedModel().queue(
      't',
      scripted.delay(300, { ok: true }),
      scripted.delay(STALL_MS, { ok: false }),
    );
    const router = createModelRouter({ default: model, hedging: { delayMs: 10 } });
    const result = await router.generateObject(ask());
    expect(result.hedge?.winner).toBe('primary');
    expect(model.calls).toHaveLength(2);
  });

  it('holds the global budget: once spent, stalls are waited out again', async () => {
    const model = createScriptedModel().on('t', { ok: true });
    const router = createModelRouter({
      default: model,
      hedging: { delayMs: 20, burst: 1, budgetRatio: 0 },
    });
    model.queue('t', scripted.delay(STALL_MS, { ok: false }));
    const first = await timed(() => router.generateObject(ask()));
    expect(first.value.hedge?.winner).toBe('hedge');
    expect(first.ms).toBeLessThan(STALL_MS / 2);
    model.queue('t', scripted.delay(200, { ok: true }));
    const second = await timed(() => router.generateObject(ask()));
    expect(second.value.hedge).toBeUndefined();
    expect(second.ms).toBeGreaterThanOrEqual(190);
    expect(model.calls).toHaveLength(3);
  });

  it('pauses hedging after a hedge failed on its own', async () => {
    const model = createScriptedModel().on('t', { ok: true });
    const router = createModelRouter({ default: model, hedging: { delayMs: 20 } });
    model.queue(
      't',
      scripted.delay(150, { ok: true }),
      scripted.fail(new ModelError('overloaded', { status: 529, isRetryable: true })),
    );
    const first = await router.generateObject(ask());
    // The hedge started and failed; the first request answered.
    expect(first.hedge).toMatchObject({ winner: 'primary' });
    expect(model.calls).toHaveLength(2);
    model.queue('t', scripted.delay(150, { ok: true }));
    const second = await router.generateObject(ask());
    expect(second.hedge).toBeUndefined();
    expect(model.calls).toHaveLength(3);
  });
});

describe('hedging: streams', () => {
  it('hedges a stream only until its first text: never once text went out', async () => {
    // Before any text: the stalled stream is hedged and only the hedge's text is emitted.
    const stalled = createScriptedModel()
      .queue('compose', scripted.delay(STALL_MS, 'from the first'))
      .queue('compose', 'from the hedge');
    const router = createModelRouter({ default: stalled, hedging: { delayMs: 30 } });
    const stream = router.streamText({ task: 'compose', messages });
    const started = performance.now();
    const { deltas, error } = await collect(stream);
    expect(error).toBeUndefined();
    expect(deltas.join('')).toBe('from the hedge');
    expect(performance.now() - started).toBeLessThan(STALL_MS / 2);
    expect((await stream.result).hedge).toMatchObject({ winner: 'hedge' });
    expect(stalled.calls[0]?.request.signal?.aborted).toBe(true);

    // After the first text: a pause longer than the hedge delay starts no second request.
    const slowChunks = createScriptedModel().on('compose', [
      'one',
      scripted.delay(80, ' two'),
      scripted.delay(80, ' three'),
    ]);
    const second = createModelRouter({ default: slowChunks, hedging: { delayMs: 30 } });
    const text = second.streamText({ task: 'compose', messages });
    expect((await collect(text)).deltas.join('')).toBe('one two three');
    expect((await text.result).hedge).toBeUndefined();
    expect(slowChunks.calls).toHaveLength(1);
  });
});
