import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigurationError, TimeoutError } from '../errors/errors.js';
import { scripted } from '../testing/model-script.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import type { ModelMessage, TextStream } from './language-model.js';
import { createModelRouter } from './router.js';
import { DEFAULT_TASK_TIMEOUTS, resolveTaskTimeouts } from './task-deadlines.js';

const schema = z.object({ ok: z.boolean() });
const messages: ModelMessage[] = [{ role: 'user', content: 'Hello?' }];
// What the engine sends: every call carries its generic 60 s default.
const ENGINE_DEFAULT = { timeoutMs: 60_000 };

async function collect(stream: TextStream): Promise<{ deltas: string[]; error?: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
    return { deltas };
  } catch (error) {
    return { deltas, error };
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('task deadlines: structured calls', () => {
  it('abandons a stalled call at its task deadline, not the request timeout', async () => {
    const model = createScriptedModel().on('actionable', scripted.hang());
    const router = createModelRouter({ default: model, timeouts: { actionable: 40 } });
    const started = performance.now();
    const error = await router
      .generateObject({ task: 'actionable', messages, schema, ...ENGINE_DEFAULT })
      .catch((caught: unknown) => caught);
    expect(TimeoutError.is(error)).toBe(true);
    expect((error as TimeoutError).timeoutMs).toBe(40);
    expect(performance.now() - started).toBeLessThan(1_000);
    // The stalled request itself was stopped, not left running.
    expect(model.calls[0]?.endedAt).toBeDefined();
    expect(model.calls[0]?.request.timeoutMs).toBe(40);
  });

  it('gives matching tasks a built-in deadline far shorter than the 60 s default', async () => {
    vi.useFakeTimers();
    const model = createScriptedModel().on('actionable', scripted.hang());
    const router = createModelRouter({ default: model, hedging: false });
    const call = router
      .generateObject({ task: 'actionable', messages, schema, ...ENGINE_DEFAULT })
      .catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(DEFAULT_TASK_TIMEOUTS.actionable! - 1);
    const early = await Promise.race([call, Promise.resolve('pending')]);
    expect(early).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    const error = await call;
    expect(TimeoutError.is(error)).toBe(true);
    expect(DEFAULT_TASK_TIMEOUTS.actionable).toBeLessThan(DEFAULT_TASK_TIMEOUTS.compose!);
  });

  it('abandons a request that ignores its signal at the deadline all the same', async () => {
    const deaf = {
      provider: 'test',
      modelId: 'deaf',
      generateObject: () => new Promise<never>(() => {}),
      streamText: () => {
        throw new Error('unused');
      },
    };
    const router = createModelRouter({ default: deaf, timeouts: { observation: 30 } });
    await expect(router.generateObject({ task: 'observation', messages, schema })).rejects.toThrow(
      TimeoutError,
    );
  });

  it('lays configured deadlines over the defaults; Infinity removes one, bad ones are rejected', async () => {
    const model = createScriptedModel()
      .on('other', scripted.hang())
      .on('actionable', scripted.hang());
    const router = createModelRouter({ default: model, timeouts: { actionable: Infinity } });
    // No deadline (unknown task, or removed): the request's own timeout applies.
    await expect(
      router.generateObject({ task: 'other', messages, schema, timeoutMs: 20 }),
    ).rejects.toMatchObject({ timeoutMs: 20 });
    await expect(
      router.generateObject({ task: 'actionable', messages, schema, timeoutMs: 25 }),
    ).rejects.toMatchObject({ timeoutMs: 25 });
    expect(resolveTaskTimeouts({ actionable: Infinity }).has('actionable')).toBe(false);
    expect(() => resolveTaskTimeouts({ compose: 0 })).toThrow(ConfigurationError);
    expect(() => resolveTaskTimeouts({ '': 10 })).toThrow(ConfigurationError);
    expect(() =>
      createModelRouter({ default: createScriptedModel(), timeouts: { compose: -1 } }),
    ).toThrow(ConfigurationError);
    expect(resolveTaskTimeouts({ compose: 5 }).get('compose')).toBe(5);
  });
});

describe('task deadlines: streams', () => {
  it('bounds the wait for each chunk, so a long healthy stream is never cut off', async () => {
    const text = 'one two three four five six seven eight';
    const model = createScriptedModel({ chunkDelayMs: 25 }).on('compose', text);
    // Twice the deadline in total, but never more than a quarter of it between chunks.
    const router = createModelRouter({ default: model, timeouts: { compose: 100 } });
    const stream = router.streamText({ task: 'compose', messages, timeoutMs: 100 });
    const { deltas, error } = await collect(stream);
    expect(error).toBeUndefined();
    expect(deltas.join('')).toBe(text);
    expect((await stream.result).text).toBe(text);
  });

  it('times out a stream that gives no first text within the deadline', async () => {
    const model = createScriptedModel().on('compose', scripted.hang());
    const router = createModelRouter({ default: model, timeouts: { compose: 40 } });
    const started = performance.now();
    const { deltas, error } = await collect(
      router.streamText({ task: 'compose', messages, ...ENGINE_DEFAULT }),
    );
    expect(deltas).toEqual([]);
    expect(TimeoutError.is(error)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('times out a stream that stalls between chunks, keeping the text already sent', async () => {
    const model = createScriptedModel().on('compose', ['Hel', scripted.hang()]);
    const router = createModelRouter({ default: model, timeouts: { compose: 40 } });
    const stream = router.streamText({ task: 'compose', messages, ...ENGINE_DEFAULT });
    const { deltas, error } = await collect(stream);
    expect(deltas).toEqual(['Hel']);
    expect(TimeoutError.is(error)).toBe(true);
    await expect(stream.result).rejects.toThrow(TimeoutError);
    expect(model.calls[0]?.request.signal?.aborted).toBe(true);
  });
});
