import { describe, expect, it, vi } from 'vitest';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { ConfigurationError } from '../../src/errors/errors.js';
import { defineRetriever, type RetrieverContext } from '../../src/grounding/retriever.js';
import { keywordStrategy } from '../../src/testing/test-strategies.js';
import { setup } from '../engine/harness.js';
import { lastComposePrompt, recordOf, sectionOf } from './helpers.js';

const hangUntilAborted = (_: RetrieverContext, { signal }: { signal: AbortSignal }) =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve('too late')));

describe('retrievers in turns', () => {
  it('gives agent retriever data to the composer and records the run', async () => {
    const t = await setup();
    t.model.on('compose', 'Returns are free within 30 days.');
    const run = vi.fn(async (context: RetrieverContext) => ({
      articles: [`Returns policy for ${context.customer.name}: free within 30 days`],
    }));
    t.agent.retrievers.add(
      defineRetriever({ name: 'help_center', description: 'Help-center articles', run }),
    );
    const customer = await t.say('how do returns work?');

    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]?.[0]).toMatchObject({
      trigger: { type: 'agent' },
      session: { id: t.session.id },
      traceId: customer.traceId,
    });
    expect(sectionOf(lastComposePrompt(t.model), 'retrieved-data')).toEqual([
      'From help_center (Help-center articles):',
      '{"articles":["Returns policy for Guest: free within 30 days"]}',
    ]);
    const record = await recordOf(t, t.session.id, customer.traceId);
    expect(record.grounding.retrievers).toEqual([
      {
        name: 'help_center',
        attachedTo: `agent:${t.agent.id}`,
        status: 'ok',
        durationMs: expect.any(Number),
        size: '{"articles":["Returns policy for Guest: free within 30 days"]}'.length,
        error: null,
      },
    ]);
    expect(record.stages.map((stage) => stage.name)).toContain('retrievers');
  });

  it('starts agent retrievers before matching finishes', async () => {
    let started = false;
    let startedBeforeMatching: boolean | undefined;
    const probe: MatchingStrategy = {
      name: 'probe',
      handles: () => true,
      evaluate: async (guidelines) => {
        startedBeforeMatching = started;
        return { verdicts: guidelines.map((g) => ({ guidelineId: g.id, matched: false })) };
      },
    };
    const t = await setup({ strategies: [probe] });
    t.model.on('compose', 'ok');
    await t.agent.guidelines.create({ condition: 'the customer says hi', action: 'wave' });
    t.agent.retrievers.add(
      defineRetriever({
        name: 'early',
        run: () => {
          started = true;
          return 'data';
        },
      }),
    );
    await t.say('hi');
    expect(startedBeforeMatching).toBe(true);
  });

  it('answers without a retriever that timed out or failed, and records why', async () => {
    const t = await setup();
    t.model.on('compose', 'Here is what I know.');
    t.agent.retrievers.add(defineRetriever({ name: 'slow', timeoutMs: 20, run: hangUntilAborted }));
    t.agent.retrievers.add(
      defineRetriever({
        name: 'broken',
        run: () => {
          throw new Error('search index offline');
        },
      }),
    );
    t.agent.retrievers.add(defineRetriever({ name: 'empty', run: () => null }));
    const customer = await t.say('tell me about returns');

    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies).toHaveLength(1);
    expect(sectionOf(lastComposePrompt(t.model), 'retrieved-data')).toEqual([]);
    const record = await recordOf(t, t.session.id, customer.traceId);
    expect(record.status).toBe('completed');
    expect(record.grounding.retrievers).toEqual([
      expect.objectContaining({ name: 'slow', status: 'timeout', size: 0 }),
      expect.objectContaining({ name: 'broken', status: 'error', error: 'search index offline' }),
      expect.objectContaining({ name: 'empty', status: 'ok', size: 0 }),
    ]);
    expect(record.notes.join('\n')).toMatch(/Retriever "slow" timed out/);
  });

  it('runs a guideline retriever only in turns where its guideline matched', async () => {
    const t = await setup({ strategies: [keywordStrategy()] });
    t.model.on('compose', 'ok');
    const refunds = await t.agent.guidelines.create({
      condition: 'the customer asks about refunds',
      action: 'explain the refund policy',
    });
    const shipping = await t.agent.guidelines.create({
      condition: 'the customer asks about shipping',
      action: 'explain shipping times',
    });
    const refundRun = vi.fn(() => ({ policy: 'refunds within 14 days' }));
    const shippingRun = vi.fn(() => ({ times: '2 days' }));
    refunds.attachRetriever(defineRetriever({ name: 'refund_policy', run: refundRun }));
    t.agent.retrievers.add(defineRetriever({ name: 'shipping_times', run: shippingRun }), {
      guideline: shipping,
    });

    const first = await t.say('hello, just browsing');
    expect(refundRun).not.toHaveBeenCalled();
    expect(shippingRun).not.toHaveBeenCalled();
    expect((await recordOf(t, t.session.id, first.traceId)).grounding.retrievers).toEqual([]);

    // (The keyword strategy matches on shared words of 4+ letters.)
    const second = await t.say('refunds?');
    expect(refundRun).toHaveBeenCalledTimes(1);
    expect(shippingRun).not.toHaveBeenCalled();
    expect(sectionOf(lastComposePrompt(t.model), 'retrieved-data')).toEqual([
      'From refund_policy:',
      '{"policy":"refunds within 14 days"}',
    ]);
    expect((await recordOf(t, t.session.id, second.traceId)).grounding.retrievers).toEqual([
      expect.objectContaining({ name: 'refund_policy', attachedTo: `guideline:${refunds.id}` }),
    ]);
  });

  it('aborts and discards retrievers when a hook stops the turn before composing', async () => {
    let aborted = false;
    const t = await setup({ hooks: { matched: [() => 'bail'] } });
    t.agent.retrievers.add(
      defineRetriever({
        name: 'slow',
        run: (_, { signal }) =>
          new Promise((resolve) => {
            signal.addEventListener('abort', () => {
              aborted = true;
              resolve(null);
            });
          }),
      }),
    );
    const customer = await t.say('hello');
    expect(t.model.callsFor('compose')).toEqual([]);
    const record = await recordOf(t, t.session.id, customer.traceId);
    expect(record.grounding.retrievers).toEqual([
      expect.objectContaining({ name: 'slow', status: 'discarded' }),
    ]);
    expect(aborted).toBe(true);
  });

  it('rejects bad definitions and conflicting names; attaching twice is a no-op', async () => {
    const t = await setup();
    expect(() => defineRetriever({ name: 'has space', run: () => 1 })).toThrow(ConfigurationError);
    expect(() => defineRetriever({ name: 'x', run: 'nope' as never })).toThrow(
      /run must be a function/,
    );
    expect(() => defineRetriever({ name: 'x', timeoutMs: 0, run: () => 1 })).toThrow(/timeoutMs/);
    const one = defineRetriever({ name: 'docs', run: () => 1 });
    t.agent.retrievers.add(one);
    t.agent.retrievers.add(one);
    expect(t.conduct.retrievers.attached).toHaveLength(1);
    expect(() => t.agent.retrievers.add(defineRetriever({ name: 'docs', run: () => 2 }))).toThrow(
      /defined twice/,
    );
    expect(() => t.agent.retrievers.add(one, { state: 's1' })).toThrow(/needs its journey/);
  });
});
