import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ResponseAnalyzer } from '../../src/engine/response-analysis.js';
import { matchAllStrategy } from '../../src/testing/test-strategies.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { setup } from './harness.js';

const lookup = defineTool({
  name: 'order_status',
  description: 'Look up an order',
  parameters: z.object({ orderId: z.string() }),
  run: (_context, { orderId }) => ({
    data: { orderId, status: 'delayed' },
    guidelines: [{ action: 'apologize for the delay and offer a 10% voucher' }],
  }),
});

// A response analyzer that asks the model, as the real one does.
const modelAnalyzer: ResponseAnalyzer = {
  async analyze({ context, guidelines }) {
    const { value } = await context.model.generateObject({
      task: 'response-analysis',
      traceId: context.traceId,
      schema: z.object({ applied: z.array(z.number()) }),
      messages: [
        { role: 'user', content: guidelines.map((g, i) => `${i + 1}. ${g.action}`).join('\n') },
      ],
    });
    return { appliedGuidelineIds: value.applied.flatMap((n) => guidelines[n - 1]?.id ?? []) };
  },
};

describe('the decision record', () => {
  it('holds every model call of the turn: tools, compose and the analysis after the reply', async () => {
    const t = await setup({ strategies: [matchAllStrategy()], responseAnalyzer: modelAnalyzer });
    await t.agent.guidelines.create({
      condition: 'the customer asks about an order',
      action: 'look it up',
      tools: [lookup],
    });
    t.model
      .on('tool-call', { reason: 'scripted', calls: [{ arguments: { orderId: '7' } }] })
      .on('compose', 'Sorry, order 7 is delayed — here is a 10% voucher.')
      .on('response-analysis', { applied: [1] });
    const customer = await t.say('where is order 7?');

    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.modelCalls.map((call) => call.task)).toEqual([
      'tool-call',
      'compose',
      'response-analysis',
    ]);
    expect(record?.toolCalls).toEqual([
      expect.objectContaining({ tool: 'local:order_status', status: 'succeeded' }),
    ]);
  });

  it('lists the guidelines the analysis gave no verdict for in the errors', async () => {
    const unsure: ResponseAnalyzer = {
      async analyze({ guidelines }) {
        return {
          appliedGuidelineIds: guidelines.map((g) => g.id),
          unevaluated: guidelines.map((g) => ({
            guidelineId: g.id,
            error: 'the model answered item 1 twice (counted as applied)',
          })),
        };
      },
    };
    const t = await setup({ strategies: [matchAllStrategy()], responseAnalyzer: unsure });
    const rule = await t.agent.guidelines.create({
      condition: 'the customer says hello',
      action: 'greet them',
    });
    t.model.on('compose', 'Hello!');
    const customer = await t.say('hello');

    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.errors).toEqual([
      {
        stage: 'response-analysis',
        message: `The response analysis gave no verdict for guideline ${rule.id}: the model answered item 1 twice (counted as applied)`,
        code: 'guideline_unevaluated',
        entity: { type: 'guideline', id: rule.id },
      },
    ]);
  });

  it('passes guidelines returned by a tool to this reply only', async () => {
    const t = await setup({ strategies: [matchAllStrategy()] });
    await t.agent.guidelines.create({
      condition: 'the customer asks about an order',
      tools: [lookup],
    });
    t.model
      .on('tool-call', { reason: 'scripted', calls: [{ arguments: { orderId: '7' } }] })
      .on('compose', 'ok');
    await t.say('where is order 7?');
    const prompt = t.model
      .callsFor('compose')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(prompt).toContain('apologize for the delay and offer a 10% voucher');
    expect(prompt).toContain('returned by order_status');
    expect(prompt).not.toContain('local:');
    expect(await t.conduct.store.guidelines.list()).toHaveLength(1);
  });
});

describe('the decision record names what its ids are', () => {
  it("describes every guideline, tool and verdict's subject in its author's words", async () => {
    const t = await setup({ strategies: [matchAllStrategy()] });
    const guideline = await t.agent.guidelines.create({
      title: 'Order lookup',
      condition: 'the customer asks about an order',
      action: 'look it up',
      tools: [lookup],
    });
    t.model
      .on('tool-call', { reason: 'scripted', calls: [{ arguments: { orderId: '7' } }] })
      .on('compose', 'Order 7 is delayed.');
    const customer = await t.say('where is order 7?');
    // Reworded after the turn: the record keeps what the turn saw.
    await t.conduct.store.guidelines.update(guideline.id, { action: 'say it is on its way' });

    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.verdicts.map((verdict) => verdict.entity)).toContainEqual({
      type: 'guideline',
      id: guideline.id,
    });
    expect(record?.subjects).toEqual(
      expect.arrayContaining([
        {
          entity: { type: 'guideline', id: guideline.id },
          title: 'Order lookup',
          text: 'When the customer asks about an order, then look it up',
        },
        {
          entity: { type: 'tool', id: 'local:order_status' },
          title: null,
          text: 'order_status',
        },
      ]),
    );
    // Each entity once.
    const keys = record?.subjects.map((subject) => `${subject.entity.type}:${subject.entity.id}`);
    expect(new Set(keys).size).toBe(keys?.length);
  });
});
