import { createConduct, createMemoryStore, type ToolContext } from '@conduct/core';
import { defaultStrategies } from '@conduct/matchers';
import { describe, expect, it } from 'vitest';
import setup, { VOLTMART_AGENT_ID } from '../agents/electronics-store/index.js';
import { escalateToHuman } from '../agents/electronics-store/tools/escalate-to-human.js';
import { orderStatus } from '../agents/electronics-store/tools/order-status.js';
import { startReturn } from '../agents/electronics-store/tools/start-return.js';
import { warrantyLookup } from '../agents/electronics-store/tools/warranty-lookup.js';
import { createUnconfiguredModel } from '../src/index.js';

const context: ToolContext = {
  agentId: VOLTMART_AGENT_ID,
  sessionId: 'session-1',
  customerId: 'guest',
  traceId: '0'.repeat(32),
  signal: new AbortController().signal,
};

async function counts(store: ReturnType<typeof createMemoryStore>) {
  const guidelines = await store.guidelines.list();
  return {
    agents: (await store.agents.list()).length,
    guidelines: guidelines.length,
    observations: guidelines.filter((guideline) => guideline.action === null).length,
    relationships: (await store.relationships.list()).length,
  };
}

describe('the example agent (Voltmart support)', () => {
  it('loads idempotently: setup twice on one store defines everything once', async () => {
    const store = createMemoryStore();
    const make = () =>
      createConduct({ store, model: createUnconfiguredModel(), strategies: defaultStrategies() });
    const first = make();
    await setup(first);
    const once = await counts(store);
    expect(once).toEqual({ agents: 1, guidelines: 13, observations: 2, relationships: 7 });
    expect(first.tools.tools.map((tool) => tool.name).sort()).toEqual([
      'escalate_to_human',
      'order_status',
      'start_return',
      'warranty_lookup',
    ]);
    await setup(first); // same process, same Conduct
    await setup(make()); // a restart on the same store
    expect(await counts(store)).toEqual(once);
    expect((await first.agents.get(VOLTMART_AGENT_ID)).agent.name).toBe('Ava');
  });

  it('looks up orders in the sample data', async () => {
    expect(await orderStatus.run(context, { order_id: 'vm-10423' })).toMatchObject({
      data: {
        found: true,
        order_id: 'VM-10423',
        status: 'shipped',
        carrier: 'UPS',
        items: ['Lumen 55" 4K TV'],
      },
    });
    expect(await orderStatus.run(context, { order_id: 'VM-99999' })).toMatchObject({
      data: { found: false },
    });
  });

  it('looks up warranties by serial number and by product', async () => {
    expect(await warrantyLookup.run(context, { serial_number: 'AERO14-22K-5512' })).toMatchObject({
      data: {
        found: true,
        product: 'Aero 14 laptop',
        order_id: 'VM-10422',
        in_warranty: true,
        warranty_years: 2,
      },
    });
    expect(await warrantyLookup.run(context, { serial_number: 'NX2-0318-7781' })).toMatchObject({
      data: { found: true, in_warranty: false },
    });
    expect(await warrantyLookup.run(context, { product: 'quietpro' })).toMatchObject({
      data: { found: true, product: 'QuietPro 2 wireless headphones' },
    });
  });

  it('starts returns only inside the 30-day window, once per item', async () => {
    const args = { order_id: 'VM-10421', product: 'QuietPro 2', reason: 'changed_mind' } as const;
    const started = await startReturn.run(context, args);
    expect(started).toMatchObject({
      data: {
        started: true,
        already_open: false,
        label: expect.stringContaining('da***@example.com'),
      },
    });
    const again = await startReturn.run(context, args);
    expect(again).toMatchObject({ data: { started: true, already_open: true } });
    expect(startReturn.consequential).toBe(true);

    const late = await startReturn.run(context, {
      order_id: 'VM-10422',
      product: 'Aero 14',
      reason: 'defective',
    });
    expect(late).toMatchObject({
      data: { started: false, reason: expect.stringContaining('outside the 30-day return window') },
      guidelines: [{ action: expect.stringContaining('warranty claim') }],
    });
    const undelivered = await startReturn.run(context, {
      order_id: 'VM-10423',
      product: 'Lumen',
      reason: 'changed_mind',
    });
    expect(undelivered).toMatchObject({
      data: { started: false, reason: expect.stringContaining('not delivered yet') },
    });
  });

  it('hands the session to a human', async () => {
    expect(
      await escalateToHuman.run(context, { summary: 'Wants a manager about a late TV' }),
    ).toMatchObject({
      control: { mode: 'manual' },
      data: { handed_over: true },
    });
  });
});
