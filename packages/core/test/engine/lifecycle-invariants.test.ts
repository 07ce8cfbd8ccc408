import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Event } from '../../src/domain/event.js';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { alwaysPreamble } from '../../src/engine/preamble.js';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { matchAllStrategy } from '../../src/testing/test-strategies.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { sequence, setup } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unhandled: unknown[] = [];
const onUnhandled = (error: unknown) => unhandled.push(error);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

/** Every engine trace ends with exactly one `ready {stage: completed}` and nothing after it. */
function expectEveryTraceEndsWithReady(events: readonly Event[]) {
  const byTrace = new Map<string, Event[]>();
  for (const event of events)
    byTrace.set(event.traceId, [...(byTrace.get(event.traceId) ?? []), event]);
  for (const [, trace] of byTrace) {
    const engineEvents = trace.filter((event) => event.source !== 'customer');
    if (engineEvents.length === 0) continue;
    const finals = engineEvents.filter(
      (event) =>
        event.kind === 'status' && event.data.status === 'ready' && 'stage' in event.data.data,
    );
    expect(finals).toHaveLength(1);
    expect(engineEvents.at(-1)).toBe(finals[0]);
  }
}

function abortableStrategy(ms: number): MatchingStrategy {
  return {
    name: 'slow',
    handles: () => true,
    evaluate: async (guidelines, context) => {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        context.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(context.signal.reason);
        });
      });
      return { verdicts: guidelines.map((g) => ({ guidelineId: g.id, matched: true })) };
    },
  };
}

/** A consequential `refund` tool whose runs are `run`. */
function refundTool(run: () => Promise<{ data: string }>) {
  return defineTool({
    name: 'refund',
    description: 'Refund an order',
    parameters: z.object({ orderId: z.string() }),
    consequential: true,
    run,
  });
}

describe('turn lifecycle invariants', () => {
  it('cancelling during matching with a preamble in flight leaves nothing behind', async () => {
    const model = createScriptedModel({ latencyMs: 40 });
    const t = await setup({ model, preamble: alwaysPreamble, strategies: [abortableStrategy(30)] });
    await t.agent.guidelines.create({ condition: 'x', action: 'y' });
    model.on('preamble', 'On it!').on('compose', 'answer');
    const first = await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'one' });
    await sleep(10);
    await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'two' });
    expect((await first.turn).status).toBe('cancelled');
    await t.conduct.engine.idle(t.session.id);
    await sleep(60);
    expectEveryTraceEndsWithReady(await t.events());
  });

  it('a failing matched hook with a preamble in flight emits nothing after ready', async () => {
    const model = createScriptedModel()
      .on('preamble', scripted.delay(50, 'On it!'))
      .on('compose', 'x');
    const t = await setup({
      model,
      preamble: alwaysPreamble,
      hooks: {
        matched: [
          () => {
            throw new Error('hook boom');
          },
        ],
      },
    });
    await t.say('one');
    await sleep(80);
    const events = await t.events();
    expectEveryTraceEndsWithReady(events);
    expect(sequence(events).slice(-2)).toEqual(['status:error', 'status:ready']);
  });

  it('a throwing error hook still ends the turn with error and ready', async () => {
    const model = createScriptedModel().on('compose', scripted.fail('provider down'));
    const t = await setup({
      model,
      hooks: {
        error: [
          () => {
            throw new Error('alerting down');
          },
        ],
      },
    });
    await t.say('hi');
    expect(sequence(await t.events()).slice(-2)).toEqual(['status:error', 'status:ready']);
    const [record] = await t.conduct.store.turns.list(t.session.id);
    expect(record?.status).toBe('error');
  });

  it('a stream that fails mid-way is closed before the error', async () => {
    const model = createScriptedModel().on('compose', [
      'Your order',
      ' is',
      scripted.fail('connection reset'),
    ]);
    const t = await setup({ model });
    await t.conduct.store.agents.update(t.agent.id, { outputMode: 'stream' });
    await t.say('where is my order?');
    const [reply] = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(reply?.kind === 'message' && reply.data.chunks?.at(-1)).toBeNull();
    expect(sequence(await t.events()).slice(-2)).toEqual(['status:error', 'status:ready']);
  });

  it('acknowledges first and reports a failure to gather (agent deleted)', async () => {
    const t = await setup();
    await t.conduct.store.agents.delete(t.agent.id);
    await t.say('hello?');
    expect(sequence(await t.events())).toEqual([
      'message:customer',
      'status:acknowledged',
      'status:error',
      'status:ready',
    ]);
  });

  it('never runs a consequential tool twice when a new message arrives while it runs', async () => {
    let started!: () => void;
    const toolStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const run = vi.fn(async () => {
      started();
      await sleep(40);
      return { data: 'refunded' };
    });
    const refund = refundTool(run);
    const t = await setup({ strategies: [matchAllStrategy()] });
    await t.agent.guidelines.create({ condition: 'refund requested', tools: [refund] });
    // The follow-up turn sees the refund in its history, so inference proposes no call there.
    t.model
      .queue(
        'tool-call',
        { reason: 'asked for', calls: [{ arguments: { orderId: '1' }, confirmed: true }] },
        { reason: 'already done', calls: [] },
      )
      .on('compose', 'Done.');
    const first = await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'refund 1' });
    await toolStarted;
    await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'thanks!' });
    expect((await first.turn).status).toBe('answered');
    await t.conduct.engine.idle(t.session.id);
    expect(run).toHaveBeenCalledTimes(1);
    expectEveryTraceEndsWithReady(await t.events());
  });

  it('emits a single ready even when saving the turn fails afterwards', async () => {
    const errors: unknown[] = [];
    const t = await setup({ onError: (error) => errors.push(error) });
    t.model.on('compose', 'hi');
    vi.spyOn(t.conduct.store.turns, 'save').mockRejectedValueOnce(new Error('disk full'));
    await t.say('hello');
    expectEveryTraceEndsWithReady(await t.events());
    expect(errors).toHaveLength(1);
  });

  it('keeps a hand-off even when a message hook throws', async () => {
    const handOff = defineTool({
      name: 'hand_off',
      description: 'Hand over to a human',
      parameters: z.object({}),
      run: () => ({ data: 'ok', control: { mode: 'manual' } }),
    });
    const t = await setup({
      strategies: [matchAllStrategy()],
      onError: () => {},
      hooks: {
        message: [
          () => {
            throw new Error('webhook down');
          },
        ],
      },
    });
    await t.agent.guidelines.create({ condition: 'wants a human', tools: [handOff] });
    t.model.on('compose', 'Connecting you.');
    await t.say('human please');
    expect((await t.conduct.store.sessions.get(t.session.id)).mode).toBe('manual');
    expectEveryTraceEndsWithReady(await t.events());
  });

  it('times out a model that hangs after the reply started, so the session is not wedged', async () => {
    const model = createScriptedModel().queue('compose', ['Hi', scripted.hang()], 'second');
    const t = await setup({ model, modelTimeoutMs: 50 });
    await t.conduct.store.agents.update(t.agent.id, { outputMode: 'stream' });
    await t.say('one');
    expect(sequence(await t.events()).slice(-2)).toEqual(['status:error', 'status:ready']);
    await t.say('two');
    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies.map((r) => r.kind === 'message' && r.data.message)).toEqual(['Hi', 'second']);
  });

  it('does not send a reply whose turn was cancelled during slow draft hooks', async () => {
    const model = createScriptedModel().queue('compose', 'first reply', 'second reply');
    const t = await setup({
      model,
      hooks: {
        draft: [
          async () => {
            await sleep(30);
            return 'continue' as const;
          },
        ],
      },
    });
    const first = await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'one' });
    await sleep(10);
    await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'two' });
    expect((await first.turn).status).toBe('cancelled');
    await t.conduct.engine.idle(t.session.id);
    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies.map((r) => r.kind === 'message' && r.data.message)).toEqual(['second reply']);
  });

  it('runs one turn when the same trace is scheduled twice', async () => {
    const t = await setup();
    t.model.on('compose', 'hello');
    const trace = '0123456789abcdef0123456789abcdef';
    const outcomes = await Promise.all([
      t.conduct.engine.respond(t.session.id, trace),
      t.conduct.engine.respond(t.session.id, trace),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['superseded', 'answered']);
    expect(t.model.callsFor('compose')).toHaveLength(1);
  });

  it('acknowledges a new message without waiting for the previous response analysis', async () => {
    const t = await setup({
      strategies: [matchAllStrategy()],
      responseAnalyzer: {
        analyze: async ({ guidelines }) => {
          await sleep(150);
          return { appliedGuidelineIds: guidelines.map((g) => g.id) };
        },
      },
    });
    await t.agent.guidelines.create({ condition: 'always', action: 'greet' });
    t.model.on('compose', 'hi');
    await (await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'one' })).turn;
    const posted = await t.conduct.engine.postCustomerMessage(t.session.id, { message: 'two' });
    const started = performance.now();
    await t.conduct.store.events.waitFor(
      t.session.id,
      { minOffset: posted.event.offset + 1, kinds: ['status'] },
      { timeoutMs: 1_000 },
    );
    expect(performance.now() - started).toBeLessThan(100);
    await t.conduct.engine.idle(t.session.id);
  });

  it('validates tool calls a hook rewrote before they run', async () => {
    const run = vi.fn(async () => ({ data: 'ok' }));
    const lookup = defineTool({
      name: 'lookup',
      description: 'Look up an order',
      parameters: z.object({ orderId: z.string().regex(/^\d+$/) }),
      run,
    });
    const t = await setup({
      strategies: [matchAllStrategy()],
      hooks: {
        toolsInferred: [
          (_context, payload) => {
            payload.calls.splice(0, 1, {
              tool: 'local:lookup',
              arguments: { orderId: 'not-a-number' },
            });
            return 'continue';
          },
        ],
      },
    });
    await t.agent.guidelines.create({ condition: 'order question', tools: [lookup] });
    t.model
      .on('tool-call', { reason: 'scripted', calls: [{ arguments: { orderId: '42' } }] })
      .on('compose', 'ok');
    await t.say('order 42?');
    expect(run).not.toHaveBeenCalled();
  });

  it('runs a consequential call only as the model confirmed it, whatever a hook did', async () => {
    const run = vi.fn(async () => ({ data: 'refunded' }));
    const refund = refundTool(run);
    const t = await setup({
      strategies: [matchAllStrategy()],
      hooks: {
        toolsInferred: [
          (_context, payload) => {
            // Rewrites the confirmed refund of order 1, and adds one nobody confirmed.
            payload.calls.splice(0, 1, { tool: 'local:refund', arguments: { orderId: '2' } });
            payload.calls.push({ tool: 'local:refund', arguments: { orderId: '3' } });
            return 'continue';
          },
        ],
      },
    });
    await t.agent.guidelines.create({ condition: 'refund requested', tools: [refund] });
    t.model
      .on('tool-call', {
        reason: 'the customer confirmed',
        calls: [{ arguments: { orderId: '1' }, confirmed: true }],
      })
      .on('compose', 'Shall I?');
    const customer = await t.say('Yes, refund order 1.');
    expect(run).not.toHaveBeenCalled();
    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.insights.map((insight) => [insight.kind, insight.message])).toEqual([
      ['needs-confirmation', expect.stringContaining('orderId: 2')],
      ['needs-confirmation', expect.stringContaining('orderId: 3')],
    ]);
  });

  it('never runs a consequential call again in a turn with no customer message since it ran', async () => {
    const run = vi.fn(async () => ({ data: 'refunded' }));
    const refund = refundTool(run);
    const t = await setup({ strategies: [matchAllStrategy()] });
    await t.agent.guidelines.create({ condition: 'refund requested', tools: [refund] });
    // A model that takes the earlier "yes" for a confirmation again.
    t.model
      .on('tool-call', {
        reason: 'the customer confirmed',
        calls: [{ arguments: { orderId: '1' }, confirmed: true }],
      })
      .on('compose', 'Done.');
    await t.say('Yes, refund order 1.');
    expect(run).toHaveBeenCalledTimes(1);
    await t.conduct.engine.respond(t.session.id);
    await t.conduct.engine.idle(t.session.id);
    expect(run).toHaveBeenCalledTimes(1);
    const record = (await t.conduct.store.turns.list(t.session.id)).at(-1);
    expect(record?.insights).toEqual([
      expect.objectContaining({
        kind: 'needs-confirmation',
        message: expect.stringContaining('It already ran once with these values'),
      }),
    ]);
  });
});
