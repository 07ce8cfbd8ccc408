import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AbortedError,
  ConfigurationError,
  ModelError,
  ModelOutputError,
  TimeoutError,
} from '../errors/errors.js';
import type { ModelMessage, TextStream } from '../model/language-model.js';
import { scripted } from './model-script.js';
import { createScriptedModel } from './scripted-model.js';

const schema = z.object({ applies: z.boolean() });
// 9 characters: 3 tokens by the default estimate.
const messages: ModelMessage[] = [{ role: 'user', content: 'Is it so?' }];
const ask = (task: string, extra: { signal?: AbortSignal; timeoutMs?: number } = {}) => ({
  task,
  messages,
  schema,
  ...extra,
});

async function drain(stream: TextStream) {
  const deltas: string[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

describe('scripted model: structured answers', () => {
  it('answers every call for a task with its `on` value', async () => {
    const model = createScriptedModel({ modelId: 'fake-1' }).on('actionable', { applies: true });
    const first = await model.generateObject(ask('actionable'));
    const second = await model.generateObject(ask('actionable'));
    expect(first).toEqual({
      value: { applies: true },
      rawText: '{"applies":true}',
      model: 'fake-1',
      usage: { inputTokens: 3, outputTokens: 4, cachedInputTokens: 0, cacheWriteTokens: 0 },
    });
    expect(second.value).toEqual({ applies: true });
    expect(model.provider).toBe('scripted');
    expect(model.modelId).toBe('fake-1');
  });

  it('consumes queued answers in order, then falls back to `on`, then to `fallback`', async () => {
    const model = createScriptedModel({ fallback: { applies: false } })
      .queue('t', { applies: true }, { applies: false })
      .queue('t', { applies: true });
    expect(model.pending('t')).toBe(3);
    const values = [];
    for (let index = 0; index < 3; index++) {
      values.push((await model.generateObject(ask('t'))).value.applies);
    }
    expect(values).toEqual([true, false, true]);
    expect(model.pending('t')).toBe(0);
    expect((await model.generateObject(ask('t'))).value).toEqual({ applies: false });
    model.on('t', { applies: true });
    expect((await model.generateObject(ask('t'))).value).toEqual({ applies: true });
    expect((await model.generateObject(ask('other'))).value).toEqual({ applies: false });
  });

  it('hands function answers the request, attempt and signal', async () => {
    const model = createScriptedModel().on('t', (request) => {
      expect(request.signal).toBeInstanceOf(AbortSignal);
      return { applies: request.kind === 'object' && request.messages === messages };
    });
    const result = await model.generateObject(ask('t'));
    expect(result.value).toEqual({ applies: true });
    const asyncModel = createScriptedModel().on('t', async () => ({ applies: false }));
    expect((await asyncModel.generateObject(ask('t'))).value).toEqual({ applies: false });
  });

  it('takes answers from the `answers` option and restores them on reset', async () => {
    const model = createScriptedModel({ answers: { t: { applies: true } } });
    model.on('t', { applies: false }).queue('u', { applies: true });
    model.reset();
    expect(model.pending('u')).toBe(0);
    expect((await model.generateObject(ask('t'))).value).toEqual({ applies: true });
    await expect(model.generateObject(ask('u'))).rejects.toThrow(ConfigurationError);
  });

  it('names the task and the scripted tasks when a task is not scripted', async () => {
    const model = createScriptedModel({ modelId: 'm' }).on('compose', 'Hi').queue('actionable');
    await expect(model.generateObject(ask('journey-step'))).rejects.toThrow(
      new ConfigurationError(
        "Scripted model 'm' has no answer for object task 'journey-step'. " +
          "Scripted tasks: 'actionable', 'compose'. " +
          "Script it with model.on('journey-step', answer) or model.queue('journey-step', …answers).",
      ),
    );
    const empty = createScriptedModel();
    await expect(empty.generateObject(ask('x'))).rejects.toThrow(/Scripted tasks: \(none\)/);
  });

  it('validates answers against the schema: a wrong shape fails after one repair', async () => {
    const model = createScriptedModel().on('t', { applies: 'yes' });
    const error = await model.generateObject(ask('t')).catch((rejection: unknown) => rejection);
    expect(ModelOutputError.is(error)).toBe(true);
    expect((error as ModelOutputError).output).toBe('{"applies":"yes"}');
    expect(model.calls[0]?.attempts).toHaveLength(2);
  });

  it('sends invalid raw text through parse and repair: repaired by the next queued answer', async () => {
    const model = createScriptedModel().queue('t', scripted.invalid(), { applies: true });
    const result = await model.generateObject(ask('t'));
    expect(result.value).toEqual({ applies: true });
    const [call] = model.calls;
    expect(call?.attempts.map((attempt) => attempt.output)).toEqual([
      'Sorry, I cannot answer that as JSON.',
      '{"applies":true}',
    ]);
    expect(call?.attempts[1]?.messages.slice(1).map((message) => message.role)).toEqual([
      'assistant',
      'user',
    ]);
    expect(call?.attempts[1]?.messages[1]?.content).toBe('Sorry, I cannot answer that as JSON.');
    // Both attempts are paid for; the repair prompt adds the bad reply (9) and the fix-up (45).
    expect(result.usage).toEqual({
      inputTokens: 3 + (3 + 9 + 45),
      outputTokens: 9 + 4,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(call?.usage).toEqual(result.usage);
  });

  it('rejects with ModelOutputError when invalid output is never repaired', async () => {
    const model = createScriptedModel().on('t', scripted.invalid('no idea'));
    await expect(model.generateObject(ask('t'))).rejects.toMatchObject({
      code: 'model_output',
      task: 't',
      output: 'no idea',
    });
    expect(model.calls[0]?.attempts.map((attempt) => attempt.output)).toEqual([
      'no idea',
      'no idea',
    ]);
  });

  it('accepts fenced raw JSON like a real model reply', async () => {
    const model = createScriptedModel().on('t', scripted.raw('```json\n{"applies":true}\n```'));
    const result = await model.generateObject(ask('t'));
    expect(result.value).toEqual({ applies: true });
    expect(result.rawText).toBe('```json\n{"applies":true}\n```');
  });
});

describe('scripted model: failures, delays and cancellation', () => {
  it('fails with a ModelError carrying task, model, status and retryability', async () => {
    const model = createScriptedModel({ modelId: 'm' }).on(
      't',
      scripted.fail('rate limited', { retryable: true, status: 429 }),
    );
    const error = await model.generateObject(ask('t')).catch((rejection: unknown) => rejection);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({
      message: 'rate limited',
      task: 't',
      model: 'm',
      status: 429,
      isRetryable: true,
    });
    expect(model.calls[0]?.error).toBe(error);
  });

  it('throws a scripted Error instance as is', async () => {
    const failure = new TimeoutError('upstream', 5);
    const model = createScriptedModel().on('t', scripted.fail(failure));
    await expect(model.generateObject(ask('t'))).rejects.toBe(failure);
  });

  it('delays an answer', async () => {
    const model = createScriptedModel().on('t', scripted.delay(30, { applies: true }));
    const started = performance.now();
    expect((await model.generateObject(ask('t'))).value).toEqual({ applies: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('rejects with AbortedError when aborted during latency', async () => {
    const model = createScriptedModel({ latencyMs: 60_000 }).on('t', { applies: true });
    const controller = new AbortController();
    const call = model.generateObject(ask('t', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 5);
    const error = await call.catch((rejection: unknown) => rejection);
    expect(AbortedError.is(error)).toBe(true);
    expect((error as Error).message).toBe("Scripted model call for task 't' was aborted");
    expect(model.calls[0]?.error).toBe(error);
    expect(model.calls[0]?.endedAt).toEqual(expect.any(String));
  });

  it('rejects at once when the signal is already aborted', async () => {
    const model = createScriptedModel().on('t', { applies: true });
    await expect(model.generateObject(ask('t', { signal: AbortSignal.abort() }))).rejects.toThrow(
      AbortedError,
    );
    expect(model.calls[0]?.attempts).toEqual([]);
  });

  it('rejects with TimeoutError after timeoutMs', async () => {
    const model = createScriptedModel({ latencyMs: () => 60_000 }).on('t', { applies: true });
    const error = await model
      .generateObject(ask('t', { timeoutMs: 20 }))
      .catch((rejection: unknown) => rejection);
    expect(TimeoutError.is(error)).toBe(true);
    expect(error).toMatchObject({
      timeoutMs: 20,
      message: "Scripted model call for task 't' timed out after 20 ms",
    });
  });

  it('hangs until aborted', async () => {
    const model = createScriptedModel().on('t', scripted.hang());
    await expect(model.generateObject(ask('t', { timeoutMs: 10 }))).rejects.toThrow(TimeoutError);
  });
});

describe('scripted model: text streams', () => {
  const request = (task = 'compose', extra = {}) => ({ task, messages, ...extra });

  it('streams a string answer word by word', async () => {
    const model = createScriptedModel({ modelId: 'm' }).on('compose', 'Hello there,  friend!');
    const stream = model.streamText(request());
    expect(await drain(stream)).toEqual(['Hello', ' there,', '  friend!']);
    expect(await stream.result).toEqual({
      text: 'Hello there,  friend!',
      model: 'm',
      usage: { inputTokens: 3, outputTokens: 6, cachedInputTokens: 0, cacheWriteTokens: 0 },
    });
  });

  it('streams chunk arrays as given and honours the chunking option', async () => {
    const model = createScriptedModel().on('compose', ['He', 'llo']);
    expect(await drain(model.streamText(request()))).toEqual(['He', 'llo']);
    const chars = createScriptedModel({ chunking: 'characters' }).on('compose', 'abc');
    expect(await drain(chars.streamText(request()))).toEqual(['a', 'b', 'c']);
    const whole = createScriptedModel({ chunking: 'whole' }).on('compose', 'a b');
    expect(await drain(whole.streamText(request()))).toEqual(['a b']);
    const custom = createScriptedModel({ chunking: (text) => text.split('|') }).on('c', 'x|y');
    expect(await drain(custom.streamText(request('c')))).toEqual(['x', 'y']);
  });

  it('counts tokens with the countTokens option', async () => {
    const model = createScriptedModel({ countTokens: (text) => text.length }).on('compose', 'abc');
    const { usage } = await model.streamText(request()).result;
    expect(usage).toEqual({
      inputTokens: 9,
      outputTokens: 3,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
    });
  });

  it('fails mid-stream after the deltas before the failure', async () => {
    const failure = scripted.fail('connection reset', { retryable: true });
    const model = createScriptedModel().on('compose', ['Hel', 'lo', failure, 'never']);
    const stream = model.streamText(request());
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const delta of stream) deltas.push(delta);
    })().catch((rejection: unknown) => rejection);
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(error).toMatchObject({
      message: 'connection reset',
      isRetryable: true,
      task: 'compose',
    });
    await expect(stream.result).rejects.toBe(error);
  });

  it('aborts mid-stream with AbortedError', async () => {
    const model = createScriptedModel().on('compose', ['Hi', ' there', scripted.hang()]);
    const controller = new AbortController();
    const stream = model.streamText(request('compose', { signal: controller.signal }));
    const deltas: string[] = [];
    const error = await (async () => {
      for await (const delta of stream) {
        deltas.push(delta);
        if (deltas.length === 2) controller.abort();
      }
    })().catch((rejection: unknown) => rejection);
    expect(deltas).toEqual(['Hi', ' there']);
    expect(AbortedError.is(error)).toBe(true);
    await expect(stream.result).rejects.toThrow(AbortedError);
  });

  it('times out between slow chunks', async () => {
    const model = createScriptedModel({ chunkDelayMs: 15 }).on('compose', ['a', 'b', 'c', 'd']);
    const stream = model.streamText(request('compose', { timeoutMs: 35 }));
    await expect(stream.result).rejects.toThrow(TimeoutError);
    expect(model.calls[0]?.output).toBeUndefined();
  });

  it('rejects a non-text answer to a text call', async () => {
    const model = createScriptedModel().on('compose', { not: 'text' });
    await expect(model.streamText(request()).result).rejects.toThrow(
      "Scripted answer for text task 'compose' must be a string or an array of chunks, got object",
    );
  });
});

describe('scripted model: call recording', () => {
  it('records every call with its request, attempts, output, usage and timing', async () => {
    const model = createScriptedModel().on('a', { applies: true }).on('compose', 'Hi');
    const request = { ...ask('a'), traceId: 'trace-1' };
    await model.generateObject(request);
    await model.streamText({ task: 'compose', messages }).result;
    expect(model.calls).toEqual([
      {
        task: 'a',
        traceId: 'trace-1',
        kind: 'object',
        messages,
        schema,
        request,
        attempts: [{ messages, output: '{"applies":true}' }],
        output: '{"applies":true}',
        value: { applies: true },
        usage: { inputTokens: 3, outputTokens: 4, cachedInputTokens: 0, cacheWriteTokens: 0 },
        startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        endedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
      {
        task: 'compose',
        traceId: undefined,
        kind: 'text',
        messages,
        schema: undefined,
        request: { task: 'compose', messages },
        attempts: [{ messages, output: 'Hi' }],
        output: 'Hi',
        usage: { inputTokens: 3, outputTokens: 1, cachedInputTokens: 0, cacheWriteTokens: 0 },
        startedAt: expect.any(String),
        endedAt: expect.any(String),
      },
    ]);
    expect(model.callsFor('compose')).toEqual([model.calls[1]]);
    model.clearCalls();
    expect(model.calls).toEqual([]);
    expect((await model.generateObject(ask('a'))).value).toEqual({ applies: true });
  });

  it('records a call while it runs and hands out queued answers in call order', async () => {
    const model = createScriptedModel({ latencyMs: (request) => (request.task === 'q' ? 20 : 0) });
    model.queue('q', { applies: true }, { applies: false });
    const first = model.generateObject(ask('q'));
    const second = model.generateObject(ask('q'));
    expect(model.calls.map((call) => call.endedAt)).toEqual([undefined, undefined]);
    expect([(await first).value, (await second).value]).toEqual([
      { applies: true },
      { applies: false },
    ]);
  });
});
