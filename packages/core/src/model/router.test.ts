import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AbortedError,
  ConfigurationError,
  ModelError,
  ModelOutputError,
  TimeoutError,
} from '../errors/errors.js';
import { scripted } from '../testing/model-script.js';
import { createScriptedModel } from '../testing/scripted-model.js';
import { recordModelCalls } from './call-recording.js';
import { createFallbackModel } from './fallback-model.js';
import {
  isSmallModel,
  type ModelCallRecord,
  type ModelMessage,
  type TextStream,
} from './language-model.js';
import { createModelRouter } from './router.js';

const schema = z.object({ ok: z.boolean() });
const messages: ModelMessage[] = [{ role: 'user', content: 'Hello?' }];
const ask = (task: string, extra: { signal?: AbortSignal; timeoutMs?: number } = {}) => ({
  task,
  messages,
  schema,
  ...extra,
});

async function collect(stream: TextStream): Promise<{ deltas: string[]; error?: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const delta of stream) deltas.push(delta);
    return { deltas };
  } catch (error) {
    return { deltas, error };
  }
}

/** The fields of records that are stable across runs. */
const summary = (records: ModelCallRecord[]) =>
  records.map(({ task, model, kind, output, error }) => ({ task, model, kind, output, error }));

describe('model router: routing', () => {
  it('routes each call by task, with the default for unrouted tasks', async () => {
    const cheap = createScriptedModel({ modelId: 'cheap' }).on('actionable', { ok: true });
    const strong = createScriptedModel({ modelId: 'strong' }).on('compose', { ok: false });
    const router = createModelRouter({ default: strong, tasks: { actionable: cheap } });

    expect((await router.generateObject(ask('actionable'))).model).toBe('cheap');
    expect((await router.generateObject(ask('compose'))).model).toBe('strong');
    expect(cheap.calls.map((call) => call.task)).toEqual(['actionable']);
    expect(strong.calls.map((call) => call.task)).toEqual(['compose']);
    expect(router.provider).toBe('router');
    expect(router.modelId).toBe('strong');
    expect(router.routedTasks).toEqual(['actionable']);
    expect(router.chainFor('actionable')).toEqual([cheap]);
    expect(router.chainFor('anything-else')).toEqual([strong]);
    expect(router.modelFor('actionable').modelId).toBe('cheap');
    expect((await router.modelFor('actionable').generateObject(ask('actionable'))).model).toBe(
      'cheap',
    );
  });

  it('marks routes small, keeps plain routes not small, and wrappers forward the mark', async () => {
    const tiny = createScriptedModel({ modelId: 'tiny' }).on('actionable', { ok: true });
    const backup = createScriptedModel({ modelId: 'backup' });
    const strong = createScriptedModel({ modelId: 'strong' });
    const router = createModelRouter({
      default: strong,
      tasks: { actionable: { model: tiny, small: true }, observation: { model: [tiny, backup] } },
    });

    expect(router.isSmall('actionable')).toBe(true);
    expect(router.isSmall('observation')).toBe(false);
    expect(router.isSmall('compose')).toBe(false);
    expect(router.chainFor('observation')).toEqual([tiny, backup]);
    expect((await router.generateObject(ask('actionable'))).model).toBe('tiny');
    const recorded = recordModelCalls(router, () => {});
    expect(isSmallModel(recorded, 'actionable')).toBe(true);
    expect(isSmallModel(recorded, 'compose')).toBe(false);
    expect(isSmallModel(tiny, 'actionable')).toBe(false);
    expect(createModelRouter({ default: { model: tiny, small: true } }).isSmall('any')).toBe(true);
  });

  it('routes text streams by task', async () => {
    const writer = createScriptedModel({ modelId: 'writer' }).on('compose', 'Hi there');
    const router = createModelRouter({
      default: createScriptedModel(),
      tasks: { compose: writer },
    });
    const stream = router.streamText({ task: 'compose', messages });
    expect((await collect(stream)).deltas).toEqual(['Hi', ' there']);
    expect((await stream.result).model).toBe('writer');
  });

  it('keeps the finish reason of a stream, hedged or not, and through a fallback chain', async () => {
    const cutOff = () =>
      createScriptedModel().on('compose', ['Your order', ' ships', scripted.finish('max-tokens')]);
    for (const hedging of [false, undefined] as const) {
      const router = createModelRouter({
        default: cutOff(),
        ...(hedging === false ? { hedging } : {}),
      });
      const stream = router.streamText({ task: 'compose', messages });
      await collect(stream);
      expect((await stream.result).finishReason, `hedging ${hedging}`).toBe('max-tokens');
    }
    const failing = createScriptedModel().on('compose', scripted.fail('down', { retryable: true }));
    const chain = createFallbackModel([failing, cutOff()]);
    const stream = chain.streamText({ task: 'compose', messages });
    await collect(stream);
    expect((await stream.result).finishReason).toBe('max-tokens');
  });

  it('rejects an empty chain or task name with ConfigurationError', () => {
    const model = createScriptedModel();
    expect(() => createModelRouter({ default: [] })).toThrow(
      new ConfigurationError('Model route for the default is an empty list; give at least one'),
    );
    expect(() => createModelRouter({ default: model, tasks: { compose: [] } })).toThrow(
      "Model route for task 'compose' is an empty list",
    );
    expect(() => createModelRouter({ default: model, tasks: { ' ': model } })).toThrow(
      ConfigurationError,
    );
  });
});

describe('model router: fallback chains', () => {
  it('falls back to the next model when one fails', async () => {
    const primary = createScriptedModel({ modelId: 'primary' }).on(
      't',
      scripted.fail('overloaded', { retryable: true, status: 529 }),
    );
    const backup = createScriptedModel({ modelId: 'backup' }).on('t', { ok: true });
    const router = createModelRouter({ default: [primary, backup] });
    const result = await router.generateObject(ask('t'));
    expect(result).toMatchObject({ value: { ok: true }, model: 'backup' });
    expect([primary.calls.length, backup.calls.length]).toEqual([1, 1]);
    expect(router.chainFor('t')).toEqual([primary, backup]);
  });

  it('falls back on TimeoutError (each attempt gets the full timeout) and ModelOutputError', async () => {
    const slow = createScriptedModel({ modelId: 'slow' }).on('t', scripted.hang());
    const sloppy = createScriptedModel({ modelId: 'sloppy' }).on('t', scripted.invalid());
    const good = createScriptedModel({ modelId: 'good' }).on('t', scripted.delay(15, { ok: true }));
    const router = createModelRouter({ default: [slow, sloppy, good] });
    const result = await router.generateObject(ask('t', { timeoutMs: 25 }));
    expect(result.model).toBe('good');
    expect(TimeoutError.is(slow.calls[0]?.error)).toBe(true);
    expect(ModelOutputError.is(sloppy.calls[0]?.error)).toBe(true);
  });

  it('rethrows the last error unchanged when every model fails', async () => {
    const last = new ModelError('down too', { status: 503, isRetryable: true });
    const router = createModelRouter({
      default: [
        createScriptedModel().on('t', scripted.fail('down')),
        createScriptedModel().on('t', scripted.fail(last)),
      ],
    });
    await expect(router.generateObject(ask('t'))).rejects.toBe(last);
  });

  it('never falls back when the caller aborts', async () => {
    const primary = createScriptedModel({ latencyMs: 60_000 }).on('t', { ok: true });
    const backup = createScriptedModel().on('t', { ok: true }).on('c', 'text');
    const router = createModelRouter({ default: [primary, backup] });
    const controller = new AbortController();
    const call = router.generateObject(ask('t', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 5);
    await expect(call).rejects.toThrow(AbortedError);
    const stream = router.streamText({ task: 't', messages, signal: AbortSignal.abort() });
    expect(AbortedError.is((await collect(stream)).error)).toBe(true);
    expect(backup.calls).toEqual([]);
  });

  it('never falls back on an error thrown after the signal aborted, whatever its type', async () => {
    const controller = new AbortController();
    const primary = createScriptedModel().on('t', () => {
      controller.abort();
      return scripted.fail(new Error('socket closed'));
    });
    const backup = createScriptedModel().on('t', { ok: true });
    const router = createModelRouter({ default: [primary, backup] });
    await expect(router.generateObject(ask('t', { signal: controller.signal }))).rejects.toThrow(
      AbortedError,
    );
    expect(backup.calls).toEqual([]);
  });

  it('falls back for a stream that fails before its first delta', async () => {
    const primary = createScriptedModel({ modelId: 'primary' }).on(
      'compose',
      scripted.fail('rate limited', { retryable: true }),
    );
    const backup = createScriptedModel({ modelId: 'backup' }).on('compose', 'From backup');
    const router = createModelRouter({ default: [primary, backup] });
    const stream = router.streamText({ task: 'compose', messages });
    expect(await collect(stream)).toEqual({ deltas: ['From', ' backup'] });
    expect(await stream.result).toMatchObject({ text: 'From backup', model: 'backup' });
  });

  it('does not fall back once a stream has yielded a delta', async () => {
    const primary = createScriptedModel().on('compose', [
      'Hel',
      scripted.fail('connection reset', { retryable: true }),
    ]);
    const backup = createScriptedModel().on('compose', 'From backup');
    const router = createModelRouter({ default: [primary, backup] });
    const stream = router.streamText({ task: 'compose', messages });
    const { deltas, error } = await collect(stream);
    expect(deltas).toEqual(['Hel']);
    expect(error).toMatchObject({ message: 'connection reset' });
    await expect(stream.result).rejects.toBe(error);
    expect(backup.calls).toEqual([]);
  });
});

describe('model router: call records', () => {
  it('reports every attempt to onCall with prompt, output, usage and timing', async () => {
    const records: ModelCallRecord[] = [];
    const primary = createScriptedModel({ modelId: 'primary' }).on('t', scripted.fail('boom'));
    const backup = createScriptedModel({ modelId: 'backup' }).on('t', { ok: true });
    const router = createModelRouter({
      default: [primary, backup],
      onCall: (record) => {
        records.push(record);
      },
    });
    await router.generateObject({ ...ask('t'), traceId: 'trace-9' });
    expect(records).toEqual([
      {
        task: 't',
        traceId: 'trace-9',
        kind: 'object',
        provider: 'scripted',
        model: 'primary',
        startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        endedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        latencyMs: expect.any(Number),
        usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0 },
        messages,
        error: 'boom',
      },
      {
        task: 't',
        traceId: 'trace-9',
        kind: 'object',
        provider: 'scripted',
        model: 'backup',
        startedAt: expect.any(String),
        endedAt: expect.any(String),
        latencyMs: expect.any(Number),
        usage: { inputTokens: 2, outputTokens: 3, cachedInputTokens: 0, cacheWriteTokens: 0 },
        messages,
        output: '{"ok":true}',
      },
    ]);
    expect(records[0]?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('records streams when they end, including failed attempts before a fallback', async () => {
    const records: ModelCallRecord[] = [];
    const router = createModelRouter({
      default: [
        createScriptedModel({ modelId: 'a' }).on('compose', scripted.fail('nope')),
        createScriptedModel({ modelId: 'b' }).on('compose', 'Hi'),
      ],
      tasks: { other: createScriptedModel({ modelId: 'c' }).on('other', { ok: true }) },
      onCall: (record) => {
        records.push(record);
      },
    });
    await router.streamText({ task: 'compose', messages }).result;
    await router.generateObject(ask('other'));
    expect(summary(records)).toEqual([
      { task: 'compose', model: 'a', kind: 'text', output: undefined, error: 'nope' },
      { task: 'compose', model: 'b', kind: 'text', output: 'Hi', error: undefined },
      { task: 'other', model: 'c', kind: 'object', output: '{"ok":true}', error: undefined },
    ]);
  });

  it('records calls made through modelFor under their own task', async () => {
    const records: ModelCallRecord[] = [];
    const model = createScriptedModel({ fallback: { ok: true } });
    const router = createModelRouter({ default: model, onCall: (record) => records.push(record) });
    await router.modelFor('compose').generateObject(ask('side-task'));
    expect(summary(records)).toEqual([
      {
        task: 'side-task',
        model: 'scripted-model',
        kind: 'object',
        output: '{"ok":true}',
        error: undefined,
      },
    ]);
  });

  it('keeps serving calls when onCall throws or rejects', async () => {
    const model = createScriptedModel().on('t', { ok: true });
    const throwing = createModelRouter({
      default: model,
      onCall: () => {
        throw new Error('recorder broken');
      },
    });
    expect((await throwing.generateObject(ask('t'))).value).toEqual({ ok: true });
    const rejecting = createModelRouter({
      default: model,
      onCall: () => Promise.reject(new Error('recorder broken')),
    });
    expect((await rejecting.generateObject(ask('t'))).value).toEqual({ ok: true });
  });
});
