import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModel, ModelMessage } from '@conduct/core';
import { createScriptedModel, whenPrompt } from '@conduct/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CassetteMissError, formatCassetteReport, openCassette } from './index.js';

const verdictSchema = z.object({ applies: z.boolean(), why: z.string() });

function prompt(customer: string, now = 'Monday 7 December 2026, 17:42 (UTC)'): ModelMessage[] {
  return [
    { role: 'system', content: 'You decide whether a rule applies.', cacheBreakpoint: true },
    {
      role: 'user',
      content: `Now: ${now}\n<conversation>\nCustomer: ${customer}\n</conversation>`,
    },
  ];
}

/** A model whose answers follow what the prompt shows (a return request, or not). */
function evidenceModel() {
  return createScriptedModel()
    .on(
      'actionable',
      whenPrompt({
        shows: /return/i,
        in: 'conversation',
        answer: { applies: true, why: 'the customer asks to return' },
        otherwise: { applies: false, why: 'no return asked' },
      }),
    )
    .on(
      'compose',
      whenPrompt({
        shows: /return/i,
        answer: 'I can help with that return. Which order is it?',
        otherwise: 'How can I help?',
      }),
    );
}

async function ask(model: LanguageModel, customer: string, now?: string) {
  const verdict = await model.generateObject({
    task: 'actionable',
    schema: verdictSchema,
    schemaName: 'verdict',
    messages: prompt(customer, now),
  });
  const stream = model.streamText({ task: 'compose', messages: prompt(customer, now) });
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { verdict: verdict.value, chunks, reply: (await stream.result).text };
}

describe('cassettes', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cassette-'));
    path = join(dir, 'calls.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function recordOnce(customer: string) {
    const cassette = await openCassette({ path, mode: 'record' });
    const real = evidenceModel();
    const answers = await ask(cassette.wrap(real), customer);
    expect(await cassette.save()).toBe(true);
    return { answers, real };
  }

  it('records every call and replays it with no model at all, streaming text in chunks', async () => {
    const { answers } = await recordOnce('I want to return my headphones');
    expect(answers.verdict).toEqual({ applies: true, why: 'the customer asks to return' });

    const replay = await openCassette({ path, mode: 'replay' });
    const replayed = await ask(replay.wrap(), 'I want to return my headphones');
    expect(replayed.verdict).toEqual(answers.verdict);
    expect(replayed.reply).toBe('I can help with that return. Which order is it?');
    expect(replayed.chunks.length).toBeGreaterThan(1);
    expect(replayed.chunks.join('')).toBe(replayed.reply);
    expect(replay.report()).toMatchObject({ replayed: 2, recorded: 0, missed: [], changed: [] });
    expect(await replay.save()).toBe(false);
  });

  it('writes a stable, line-per-prompt-line file that another recording reproduces byte for byte', async () => {
    await recordOnce('I want to return my headphones');
    const first = await readFile(path, 'utf8');
    const file = JSON.parse(first);
    expect(file).toMatchObject({ format: 'conduct-cassette', version: 1, smallTasks: [] });
    expect(file.calls.map((call: { task: string }) => call.task)).toEqual([
      'actionable',
      'compose',
    ]);
    const [actionable, compose] = file.calls;
    expect(Object.keys(actionable)).toEqual([
      'scope',
      'task',
      'order',
      'kind',
      'schema',
      'promptHash',
      'model',
      'value',
      'prompt',
    ]);
    expect(actionable.value).toEqual({ applies: true, why: 'the customer asks to return' });
    expect(actionable.schema).toMatch(/^verdict#[0-9a-f]{8}$/);
    expect(compose.text).toBe('I can help with that return. Which order is it?');
    // Prompt messages are stored once, by a hash of their text; the two calls share the system one.
    expect(actionable.prompt[0]).toEqual(compose.prompt[0]);
    expect(Object.keys(file.messages)).toHaveLength(2);
    expect(file.messages[compose.prompt[1].message]).toEqual([
      'Now: <now> (UTC)',
      '<conversation>',
      'Customer: I want to return my headphones',
      '</conversation>',
    ]);

    await recordOnce('I want to return my headphones');
    expect(await readFile(path, 'utf8')).toBe(first);
  });

  it('replays on another day: the turn time and dates are not part of the key', async () => {
    await recordOnce('I want to return my headphones');
    const replay = await openCassette({ path, mode: 'replay' });
    const replayed = await ask(
      replay.wrap(),
      'I want to return my headphones',
      'Friday 11 December 2026, 09:05 (UTC)',
    );
    expect(replayed.verdict.applies).toBe(true);
  });

  it('fails a changed prompt in replay, naming the task and showing the diff, and reports it', async () => {
    await recordOnce('I want to return my headphones');
    const replay = await openCassette({ path, mode: 'replay' });
    const model = replay.wrap();
    const call = model.generateObject({
      task: 'actionable',
      schema: verdictSchema,
      schemaName: 'verdict',
      messages: prompt('Where is my order?'),
    });
    const error = await call.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(CassetteMissError.is(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain("no recorded answer for the 'actionable' call #1");
    expect(message).toContain('-Customer: I want to return my headphones');
    expect(message).toContain('+Customer: Where is my order?');
    expect(message).toContain('--record');

    const stream = model.streamText({ task: 'compose', messages: prompt('Where is my order?') });
    await expect(stream.result).rejects.toThrow("the 'compose' call #1");

    const report = replay.report();
    expect(report.missed.map((miss) => miss.task)).toEqual(['actionable', 'compose']);
    expect(report.changed.map((change) => change.task)).toEqual(['actionable', 'compose']);
    expect(report.changed[0]?.diff).toContain('+Customer: Where is my order?');
    const text = formatCassetteReport(report);
    expect(text).toContain('0 replayed, 0 recorded, 2 changed, 2 missed, 0 unused');
    expect(text).toContain("changed: the 'actionable' call #1 — prompt changed");
  });

  it('treats a changed output schema as a change even when the prompt is the same', async () => {
    await recordOnce('I want to return my headphones');
    const replay = await openCassette({ path, mode: 'replay' });
    const widened = verdictSchema.extend({ confidence: z.number().optional() });
    await expect(
      replay.wrap().generateObject({
        task: 'actionable',
        schema: widened,
        schemaName: 'verdict',
        messages: prompt('I want to return my headphones'),
      }),
    ).rejects.toThrow(CassetteMissError);
    expect(replay.report().changed[0]).toMatchObject({ task: 'actionable', schemaChanged: true });
  });

  it('in auto mode replays what it has, records what changed in its place, and saves', async () => {
    await recordOnce('I want to return my headphones');
    const cassette = await openCassette({ path, mode: 'auto' });
    const real = evidenceModel();
    const model = cassette.wrap(real);
    await ask(model, 'Where is my order?');
    expect(real.calls.map((call) => call.task)).toEqual(['actionable', 'compose']);
    expect(cassette.report()).toMatchObject({ replayed: 0, recorded: 2, unused: [] });
    expect(cassette.report().changed).toHaveLength(2);
    expect(await cassette.save()).toBe(true);

    const file = JSON.parse(await readFile(path, 'utf8'));
    expect(file.calls).toHaveLength(2);
    expect(file.calls[1].text).toBe('How can I help?');

    const again = await openCassette({ path, mode: 'auto' });
    const quiet = evidenceModel();
    await ask(again.wrap(quiet), 'Where is my order?');
    expect(quiet.calls).toHaveLength(0);
    expect(await again.save()).toBe(false);
  });

  it('answers a repeated prompt from its recording, and reports recordings a run no longer made', async () => {
    const record = await openCassette({ path, mode: 'record' });
    const model = record.wrap(evidenceModel());
    await ask(model, 'I want to return my headphones');
    await ask(model, 'Where is my order?');
    await record.save();

    const replay = await openCassette({ path, mode: 'replay' });
    const replayed = replay.wrap();
    // Three times the first question: positions 1 and 2 were recorded for another prompt.
    for (let run = 0; run < 3; run++) {
      expect((await ask(replayed, 'I want to return my headphones')).verdict.applies).toBe(true);
    }
    expect(replay.report()).toMatchObject({ replayed: 6, missed: [], unused: [] });

    const partial = await openCassette({ path, mode: 'replay' });
    await ask(partial.wrap(), 'I want to return my headphones');
    expect(partial.report().unused).toEqual([
      { scope: '', task: 'actionable', order: 1 },
      { scope: '', task: 'compose', order: 1 },
    ]);
  });

  it('counts positions per scope, so one scenario does not shift the next', async () => {
    const record = await openCassette({ path, mode: 'record' });
    const model = record.wrap(evidenceModel());
    await record.scope('returns', () => ask(model, 'I want to return my headphones'));
    await record.scope('orders', () => ask(model, 'Where is my order?'));
    await record.save();

    const replay = await openCassette({ path, mode: 'replay' });
    const replayed = replay.wrap();
    await replay.scope('orders', () => ask(replayed, 'Where is my order?'));
    const report = replay.report();
    expect(report).toMatchObject({ replayed: 2, missed: [], changed: [] });
    expect(report.unused.map((position) => position.scope)).toEqual(['returns', 'returns']);

    // A scope the recording never had (one more repetition) is answered from another scope.
    const extra = await openCassette({ path, mode: 'replay' });
    const verdict = await extra.scope('returns (run 2)', () =>
      ask(extra.wrap(), 'I want to return my headphones'),
    );
    expect(verdict.verdict.applies).toBe(true);
    expect(extra.report()).toMatchObject({ replayed: 2, missed: [] });
  });

  it('keeps which tasks the recorded model marked small, so replayed prompts are asked alike', async () => {
    const record = await openCassette({ path, mode: 'record' });
    const small = record.wrap(
      Object.assign(evidenceModel(), { isSmall: (task: string) => task === 'actionable' }),
    );
    expect(small.isSmall?.('actionable')).toBe(true);
    expect(small.isSmall?.('compose')).toBe(false);
    await ask(small, 'I want to return my headphones');
    await record.save();
    const replay = (await openCassette({ path, mode: 'replay' })).wrap();
    expect(replay.isSmall?.('actionable')).toBe(true);
    expect(replay.isSmall?.('compose')).toBe(false);
  });

  it('refuses what cannot work, with messages that say why', async () => {
    await expect(openCassette({ path, mode: 'replay' })).rejects.toThrow(
      `Cannot read cassette ${path}`,
    );
    const record = await openCassette({ path, mode: 'record' });
    expect(() => record.wrap()).toThrow("Cassette mode 'record' needs a real model");
    await writeFile(path, '{"calls": 3}');
    await expect(openCassette({ path, mode: 'auto' })).rejects.toThrow(
      `Cassette ${path} is not a Conduct cassette`,
    );
    // Recording never overwrites a file that is not a cassette (a wrong path).
    await expect(openCassette({ path, mode: 'record' })).rejects.toThrow(
      'is not a Conduct cassette',
    );
    await rm(path);
    const recorded = await openCassette({ path, mode: 'record' });
    await ask(recorded.wrap(evidenceModel()), 'Hello');
    await recorded.save();
    const file = JSON.parse(await readFile(path, 'utf8'));
    file.messages = {};
    await writeFile(path, JSON.stringify(file));
    await expect(openCassette({ path, mode: 'replay' })).rejects.toThrow(
      `calls.0.prompt names message '${file.calls[0].prompt[0].message}', which it does not hold`,
    );
    await writeFile(path, 'not json');
    await expect(openCassette({ path, mode: 'replay' })).rejects.toThrow('is not valid JSON');
    await writeFile(
      path,
      '{"format": "conduct-cassette", "version": 7, "smallTasks": [], "calls": [], "messages": {}}',
    );
    await expect(openCassette({ path, mode: 'replay' })).rejects.toThrow('format version 7');
  });
});
