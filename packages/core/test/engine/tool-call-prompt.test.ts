import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { viewPrompt } from '../../src/testing/model-evidence.js';
import type { ScriptedRequest } from '../../src/testing/model-script.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { setup } from './harness.js';

// Evidence-based scripts: the tool-call answer depends on what its prompt shows, as a careful,
// literal model's would.

const promptOf = (request: ScriptedRequest) => viewPrompt(request);

/** An agent whose refund guideline offers a consequential `refund_order` tool, and its runs. */
async function refundSetup() {
  const t = await setup();
  const run = vi.fn(async (_context: unknown, _args: { orderId: string }) => ({
    data: { refunded: true },
  }));
  const refund = defineTool({
    name: 'refund_order',
    description: 'Refund an order in full',
    parameters: z.object({ orderId: z.string() }),
    consequential: true,
    run,
  });
  await t.agent.guidelines.create({
    condition: 'the customer wants a refund',
    action: 'refund the order',
    tools: [refund],
  });
  return { t, run };
}

describe('the tool-call prompt', () => {
  it("fills an argument from the agent's business context", async () => {
    const t = await setup();
    await t.conduct.store.agents.update(t.agent.id, {
      description: "Ava is the assistant of Voltmart's Munich store.",
    });
    const run = vi.fn(async () => ({ data: { inStock: 3 } }));
    const checkStock = defineTool({
      name: 'check_stock',
      description: 'Units of a product in stock at one store',
      parameters: z.object({ store: z.enum(['berlin', 'munich']), product: z.string() }),
      run,
    });
    await t.agent.guidelines.create({
      condition: 'the customer asks whether a product is in stock',
      action: 'check the stock and tell them',
      tools: [checkStock],
    });
    // The store is nowhere in the conversation: only the business context can give it.
    t.model.on('tool-call', (request) => {
      const store = promptOf(request).shows("Voltmart's Munich store", 'agent') ? 'munich' : null;
      return {
        reason: store ? 'asks about stock; the agent is the Munich store' : 'store unknown',
        calls: [{ arguments: { store, product: 'Aero 14' } }],
      };
    });
    t.model.on('compose', 'We have 3 in stock.');
    await t.say('Is the Aero 14 in stock?');
    expect(run).toHaveBeenCalledWith(expect.anything(), { store: 'munich', product: 'Aero 14' });
  });

  it("tells two services' tools of the same name apart", async () => {
    const t = await setup();
    const runs = {
      crm: vi.fn(async () => ({ data: {} })),
      orders: vi.fn(async () => ({ data: {} })),
    };
    const lookup = (service: 'crm' | 'orders') =>
      defineTool({
        name: 'lookup',
        service,
        description: 'Look up a record by its id',
        parameters: z.object({ id: z.string() }),
        run: runs[service],
      });
    await t.agent.guidelines.create({
      condition: 'the customer asks to look up an order',
      action: 'look it up',
      tools: [lookup('crm'), lookup('orders')],
    });
    // Same name, same description: only the service says which one holds orders.
    t.model.on('tool-call', (request) =>
      promptOf(request).shows('Name: lookup (service: orders)', 'tool')
        ? { reason: 'the orders lookup finds order 4411', calls: [{ arguments: { id: '4411' } }] }
        : { reason: 'not the tool for orders, or cannot tell', calls: [] },
    );
    t.model.on('compose', 'Found it.');
    await t.say('Please look up order 4411');
    expect(runs.orders).toHaveBeenCalledTimes(1);
    expect(runs.crm).not.toHaveBeenCalled();
  });

  it('records the reason the model gave before its calls', async () => {
    const t = await setup();
    const orderStatus = defineTool({
      name: 'order_status',
      description: 'Look up an order',
      parameters: z.object({ orderId: z.string() }),
      run: async () => ({ data: { status: 'shipped' } }),
    });
    const guideline = await t.agent.guidelines.create({
      condition: 'the customer asks where their order is',
      action: 'look up the order',
      tools: [orderStatus],
    });
    t.model.on('tool-call', (request) =>
      promptOf(request).shows('4411', 'conversation')
        ? {
            reason: 'the customer asks about order 4411',
            calls: [{ arguments: { orderId: '4411' } }],
          }
        : { reason: 'no order number given', calls: [] },
    );
    t.model.on('compose', 'It has shipped.');
    const customer = await t.say('Where is my order 4411?');
    const [record] = await t.conduct.store.turns.list(t.session.id, { traceId: customer.traceId });
    expect(record?.toolDecisions).toEqual([
      {
        tool: 'local:order_status',
        offeredBy: [{ type: 'guideline', id: guideline.id }],
        decidedBy: 'tool-call',
        reason: 'the customer asks about order 4411',
        calls: 1,
        awaitingConfirmation: 0,
      },
    ]);
  });

  it('holds a consequential call back until the customer confirms it, and has the reply ask', async () => {
    const { t, run } = await refundSetup();
    // A careful model acts on something consequential only when told what counts as consent,
    // and only once the customer gave it.
    t.model.on('tool-call', (request) => {
      const prompt = promptOf(request);
      if (!prompt.shows(/"confirmed": true only if the customer confirmed it/, 'consequential')) {
        return { reason: 'not sure the customer agreed', calls: [] };
      }
      const confirmed = prompt.shows('Yes, refund order 4411', 'conversation');
      return {
        reason: confirmed ? 'the customer confirmed the refund' : 'refund wanted, not confirmed',
        calls: [{ arguments: { orderId: '4411' }, confirmed }],
      };
    });
    t.model.on('compose', (request) =>
      promptOf(request).shows(/refund_order has not run.*orderId: 4411/, 'missing-information')
        ? 'Shall I refund order 4411 in full?'
        : 'Done.',
    );

    const first = await t.say('I want a refund for order 4411');
    expect(run).not.toHaveBeenCalled();
    const [held] = await t.conduct.store.turns.list(t.session.id, { traceId: first.traceId });
    expect(held?.toolDecisions[0]).toMatchObject({ calls: 0, awaitingConfirmation: 1 });
    expect(held?.insights).toEqual([
      expect.objectContaining({ tool: 'local:refund_order', kind: 'needs-confirmation' }),
    ]);
    const replies = await t.events({ kinds: ['message'], source: 'ai_agent' });
    expect(replies.at(-1)?.data).toMatchObject({ message: 'Shall I refund order 4411 in full?' });

    await t.say('Yes, refund order 4411 please.');
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith(expect.anything(), { orderId: '4411' });
  });

  it('counts a confirmation once, from the latest customer messages only', async () => {
    const { t, run } = await refundSetup();
    // A literal model reads confirmations where the prompt tells it to: in the customer's latest
    // messages when the prompt says so, else anywhere in the conversation.
    t.model.on('tool-call', (request) => {
      const prompt = promptOf(request);
      const lines = prompt.section('conversation')?.split('\n') ?? [];
      const latestOnly = prompt.shows('in their latest message(s)', 'consequential');
      const scope = latestOnly
        ? lines.slice(lines.findLastIndex((line) => line.startsWith('Agent:')) + 1)
        : lines;
      const said = (words: string) => scope.some((line) => line.includes(words));
      const calls = [
        ...(said('refund order 4411')
          ? [{ arguments: { orderId: '4411' }, confirmed: said('Yes, refund order 4411') }]
          : []),
        ...(said('refund order 4412') ? [{ arguments: { orderId: '4412' }, confirmed: true }] : []),
      ];
      return { reason: 'refunds the customer confirmed', calls };
    });
    t.model.on('compose', 'Shall I refund order 4411 in full?');

    await t.say('Please refund order 4411.');
    expect(run).not.toHaveBeenCalled();
    await t.say('Yes, refund order 4411 please.');
    expect(run.mock.calls.map(([, args]) => args)).toEqual([{ orderId: '4411' }]);

    await t.say('Also refund order 4412.');
    expect(run.mock.calls.map(([, args]) => args)).toEqual([
      { orderId: '4411' },
      { orderId: '4412' },
    ]);
  });
});
