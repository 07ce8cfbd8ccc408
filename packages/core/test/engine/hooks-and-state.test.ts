import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { alwaysPreamble } from '../../src/engine/preamble.js';
import type { ResponseAnalyzer } from '../../src/engine/response-analysis.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { matchAllStrategy } from '../../src/testing/test-strategies.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { sequence, setup } from './harness.js';

describe('hooks', () => {
  it('bail out of the reply at beforeCompose, still ending with ready', async () => {
    const beforeCompose = vi.fn(() => 'bail' as const);
    const t = await setup({ hooks: { beforeCompose: [beforeCompose] } });
    await t.say('hello');
    expect(beforeCompose).toHaveBeenCalledTimes(1);
    expect(sequence(await t.events())).toEqual([
      'message:customer',
      'status:acknowledged',
      'status:processing(Interpreting)',
      'status:ready',
    ]);
    expect(t.model.calls).toEqual([]);
    const [record] = await t.conduct.store.turns.list(t.session.id);
    expect(record?.notes).toContain('A beforeCompose hook bailed out: no reply was sent');
  });

  it('let a draft hook edit the reply and skip later hooks of the same point', async () => {
    const later = vi.fn();
    const t = await setup({
      hooks: {
        draft: [
          (_context, draft) => {
            draft.text = draft.text.replace('Hi', 'Hello');
            return 'skip';
          },
          later,
        ],
      },
    });
    t.model.on('compose', 'Hi there');
    await t.say('hi');
    const [reply] = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(reply?.kind === 'message' && reply.data.message).toBe('Hello there');
    expect(later).not.toHaveBeenCalled();
  });

  it('let a matched hook remove a guideline before composing', async () => {
    const t = await setup({
      strategies: [matchAllStrategy()],
      hooks: {
        matched: [
          (_context, payload) => {
            payload.guidelines.splice(0, payload.guidelines.length);
            return 'continue';
          },
        ],
      },
    });
    await t.agent.guidelines.create({ condition: 'always', action: 'say the secret word' });
    t.model.on('compose', 'ok');
    await t.say('hi');
    const prompt = t.model
      .callsFor('compose')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(prompt).not.toContain('secret word');
  });
});

describe('what a turn leaves in the session', () => {
  it('records applied tracked guidelines after the reply', async () => {
    const analyzer: ResponseAnalyzer = {
      analyze: vi.fn(async ({ guidelines }) => ({
        appliedGuidelineIds: [guidelines[0]?.id ?? ''],
      })),
    };
    const t = await setup({ strategies: [matchAllStrategy()], responseAnalyzer: analyzer });
    const greet = await t.agent.guidelines.create({
      condition: 'a conversation starts',
      action: 'greet',
    });
    await t.agent.guidelines.create({ condition: 'untracked', action: 'x', track: false });
    t.model.on('compose', 'Hello!');
    const customer = await t.say('hi');
    const session = await t.conduct.store.sessions.get(t.session.id);
    expect(session.state.appliedGuidelines).toEqual([
      expect.objectContaining({ guidelineId: greet.id, traceId: customer.traceId, count: 1 }),
    ]);
    expect(analyzer.analyze).toHaveBeenCalledWith(
      expect.objectContaining({
        reply: 'Hello!',
        guidelines: [expect.objectContaining({ id: greet.id })],
      }),
    );
    expect(session.state.recentlyMatched[0]).toHaveLength(2);
  });

  it('hands the session to a human when a tool asks for it, and then stays silent', async () => {
    const handOff = defineTool({
      name: 'hand_off',
      description: 'Hand the conversation to a human agent',
      parameters: z.object({}),
      run: () => ({ data: 'a human will take over', control: { mode: 'manual' } }),
    });
    const t = await setup({ strategies: [matchAllStrategy()] });
    await t.agent.guidelines.create({
      condition: 'the customer asks for a human',
      tools: [handOff],
    });
    t.model.on('compose', 'Connecting you to a colleague.');
    await t.say('I want a human');
    expect((await t.conduct.store.sessions.get(t.session.id)).mode).toBe('manual');
    expect(t.model.callsFor('tool-call')).toEqual([]);
    const before = (await t.events()).length;
    await t.say('hello?');
    expect((await t.events()).length).toBe(before + 1);
  });

  it('transfers the session to another agent visibly', async () => {
    const t = await setup({ strategies: [matchAllStrategy()] });
    const billing = await t.conduct.agents.create({ name: 'Billing' });
    const transfer = defineTool({
      name: 'to_billing',
      description: 'Move the customer to the billing department',
      parameters: z.object({}),
      run: () => ({
        data: 'transferred',
        control: { transfer: { agentId: billing.id, reason: 'invoice question' } },
      }),
    });
    await t.agent.guidelines.create({
      condition: 'the customer asks about an invoice',
      tools: [transfer],
    });
    t.model.on('compose', 'Let me bring in billing.');
    const customer = await t.say('question about my invoice');
    const session = await t.conduct.store.sessions.get(t.session.id);
    expect(session.agentId).toBe(billing.id);
    expect(session.state.transfers).toEqual([
      expect.objectContaining({
        fromAgentId: t.agent.id,
        toAgentId: billing.id,
        reason: 'invoice question',
        traceId: customer.traceId,
      }),
    ]);
  });

  it('sends a preamble in parallel with matching when the policy asks', async () => {
    const t = await setup({ preamble: alwaysPreamble, strategies: [slowStrategy(30)] });
    // Matching takes 30 ms here, so the preamble (instant) is ready before the reply starts.
    await t.agent.guidelines.create({
      condition: 'the customer asks a question',
      action: 'answer',
    });
    t.model.on('preamble', 'On it!');
    t.model.on('compose', 'Here is the answer.');
    await t.say('question');
    expect(sequence(await t.events())).toEqual([
      'message:customer',
      'status:acknowledged',
      'status:processing(Interpreting)',
      'message:ai_agent',
      'status:ready',
      'status:typing',
      'message:ai_agent',
      'status:ready',
    ]);
    const [preamble] = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(preamble?.kind === 'message' && preamble.data).toMatchObject({
      message: 'On it!',
      tags: ['__preamble__'],
    });
  });

  it('drops a preamble that is not ready when the reply starts: it never delays the reply', async () => {
    const model = createScriptedModel({
      latencyMs: (request) => (request.task === 'preamble' ? 200 : 0),
    });
    const t = await setup({ model, preamble: alwaysPreamble });
    model.on('preamble', 'On it!');
    model.on('compose', 'Here is the answer.');
    const started = performance.now();
    const customer = await t.say('question');
    expect(performance.now() - started).toBeLessThan(150);
    expect(sequence(await t.events()).filter((s) => s === 'message:ai_agent')).toHaveLength(1);
    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.notes).toContain('The preamble was not ready in time; skipped');
  });
});

function slowStrategy(ms: number): MatchingStrategy {
  return {
    name: 'slow',
    handles: () => true,
    evaluate: async (guidelines) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { verdicts: guidelines.map((g) => ({ guidelineId: g.id, matched: false })) };
    },
  };
}

describe('the code-first API', () => {
  it('is idempotent, so a setup script can run at every start', async () => {
    const t = await setup();
    const again = await t.conduct.agents.create({ name: 'Ava', description: 'updated' });
    expect(again.id).toBe(t.agent.id);
    expect((await t.conduct.store.agents.list()).length).toBe(1);
    expect(again.agent.description).toBe('updated');

    const define = () =>
      again.guidelines.create({
        condition: 'the customer is angry',
        action: 'apologize',
        criticality: 'high',
      });
    const a = await define();
    const b = await define();
    const other = await again.guidelines.create({
      condition: 'the customer is happy',
      action: 'thank them',
    });
    await a.overrides(other);
    await a.overrides(other);
    await a.requires([other, { tag: 'vip' }], { anyOf: true });
    expect(a.id).toBe(b.id);
    expect(await again.guidelines.list()).toHaveLength(2);
    const relationships = await t.conduct.store.relationships.list();
    expect(relationships.map((r) => r.kind).sort()).toEqual(['overrides', 'requires', 'requires']);
    const groups = new Set(relationships.filter((r) => r.kind === 'requires').map((r) => r.anyOf));
    expect(groups.size).toBe(1);
    expect([...groups][0]).not.toBeNull();
  });

  it('refuses to start without a model or a strategy', async () => {
    const { createConduct } = await import('../../src/conduct/create-conduct.js');
    const { createScriptedModel } = await import('../../src/testing/scripted-model.js');
    expect(() => createConduct({ model: createScriptedModel(), strategies: [] })).toThrow(
      /matching strategy/,
    );
  });
});
