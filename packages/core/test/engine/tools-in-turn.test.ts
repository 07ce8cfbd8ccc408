import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { sequence, setup } from './harness.js';

function orderStatusTool(
  run = vi.fn(async (_ctx: unknown, args: { orderId: string }) => ({
    data: { orderId: args.orderId, status: 'shipped' },
  })),
) {
  const tool = defineTool({
    name: 'order_status',
    description: 'Look up the status of an order',
    parameters: z.object({
      orderId: z
        .string()
        .regex(/^\d{4}$/)
        .describe('four-digit order number'),
    }),
    run,
  });
  return { tool, run };
}

describe('tools in a turn', () => {
  it('infers, validates and runs a tool, then composes with its result', async () => {
    const t = await setup();
    const { tool, run } = orderStatusTool();
    await t.agent.guidelines.create({
      condition: 'the customer asks where their order is',
      action: 'look up the order status',
      tools: [tool],
    });
    t.model.on('tool-call', { reason: 'scripted', calls: [{ arguments: { orderId: '4411' } }] });
    t.model.on('compose', 'Order 4411 has shipped.');
    await t.say('where is my order 4411?');

    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]?.[1]).toEqual({ orderId: '4411' });
    expect(sequence(await t.events())).toEqual([
      'message:customer',
      'status:acknowledged',
      'status:processing(Interpreting)',
      'status:processing(Considering tools)',
      'tool:system',
      'status:typing',
      'message:ai_agent',
      'status:ready',
    ]);
    const [toolEvent] = await t.events({ kinds: ['tool'] });
    expect(toolEvent?.data).toEqual({
      tool_calls: [
        {
          tool_id: 'local:order_status',
          arguments: { orderId: '4411' },
          result: {
            data: { orderId: '4411', status: 'shipped' },
            metadata: {},
            control: {},
            canned_responses: [],
            canned_response_fields: {},
          },
        },
      ],
    });
    const composePrompt = t.model
      .callsFor('compose')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(composePrompt).toContain('"status":"shipped"');
  });

  it('never runs a tool with invalid arguments and asks the customer instead', async () => {
    const t = await setup();
    const { tool, run } = orderStatusTool();
    await t.agent.guidelines.create({
      condition: 'the customer asks where their order is',
      action: 'look up the order status',
      tools: [tool],
    });
    t.model.on('tool-call', {
      reason: 'scripted',
      calls: [{ arguments: { orderId: 'last week' } }],
    });
    t.model.on('compose', 'Could you share your four-digit order number?');
    const customer = await t.say('where is my order from last week?');

    expect(run).not.toHaveBeenCalled();
    expect(await t.events({ kinds: ['tool'] })).toEqual([]);
    const composePrompt = t.model
      .callsFor('compose')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(composePrompt).toContain('<missing-information>');
    expect(composePrompt).toContain('orderId');
    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.insights).toEqual([
      expect.objectContaining({
        tool: 'local:order_status',
        kind: 'invalid-argument',
        parameter: 'orderId',
      }),
    ]);
  });

  it('turns a missing argument (null) into a missing-argument insight', async () => {
    const t = await setup();
    const { tool, run } = orderStatusTool();
    await t.agent.guidelines.create({
      condition: 'the customer asks where their order is',
      tools: [tool],
    });
    t.model.on('tool-call', { reason: 'scripted', calls: [{ arguments: { orderId: null } }] });
    t.model.on('compose', 'What is your order number?');
    const customer = await t.say('where is my order?');
    expect(run).not.toHaveBeenCalled();
    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.insights[0]).toMatchObject({ kind: 'missing-argument', parameter: 'orderId' });
  });

  it('keeps going when a tool throws', async () => {
    const t = await setup();
    const { tool } = orderStatusTool(
      vi.fn(async () => {
        throw new Error('orders database is down');
      }),
    );
    await t.agent.guidelines.create({
      condition: 'the customer asks where their order is',
      tools: [tool],
    });
    t.model.on('tool-call', { reason: 'scripted', calls: [{ arguments: { orderId: '1234' } }] });
    t.model.on('compose', 'I cannot reach our order system right now.');
    await t.say('where is my order 1234?');
    const [toolEvent] = await t.events({ kinds: ['tool'] });
    expect(toolEvent?.kind === 'tool' && toolEvent.data.tool_calls[0]?.result.data).toEqual({
      error: expect.stringContaining('orders database is down'),
    });
    expect(sequence(await t.events()).slice(-2)).toEqual(['message:ai_agent', 'status:ready']);
  });

  it('re-matches a guideline after the tool it depends on ran, within the iteration bound', async () => {
    const { tool } = orderStatusTool();
    const checks: number[] = [];
    // Matches the lookup guideline always, and the "delayed" one only once a tool result exists.
    const strategy: MatchingStrategy = {
      name: 'scripted',
      handles: () => true,
      evaluate: async (guidelines, context) => ({
        verdicts: guidelines.map((g) => {
          const delayed = g.condition.includes('delayed');
          if (delayed) checks.push(context.iteration);
          return { guidelineId: g.id, matched: delayed ? context.toolOutcomes.length > 0 : true };
        }),
      }),
    };
    const t = await setup({ strategies: [strategy] });
    await t.agent.guidelines.create({
      condition: 'the customer asks where their order is',
      tools: [tool],
    });
    const delayed = await t.agent.guidelines.create({
      condition: 'the order turns out to be delayed',
      action: 'offer a 10% voucher',
    });
    await delayed.reevaluateAfter(tool);
    t.model.on('tool-call', { reason: 'scripted', calls: [{ arguments: { orderId: '4411' } }] });
    t.model.on('compose', 'Your order is delayed; here is a voucher.');
    await t.say('where is my order 4411?');

    expect(checks).toEqual([0, 1]);
    const ready = (await t.events({ kinds: ['status'] })).at(-1);
    expect(ready?.data).toMatchObject({
      data: { matched_guidelines: expect.arrayContaining([{ id: delayed.id }]) },
    });
    const prompt = t.model
      .callsFor('compose')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(prompt).toContain('offer a 10% voucher');

    // With one iteration allowed, the re-check does not happen.
    checks.length = 0;
    await t.conduct.store.agents.update(t.agent.id, { maxEngineIterations: 1 });
    await t.say('and order 4412?');
    expect(checks).toEqual([0]);
  });
});
