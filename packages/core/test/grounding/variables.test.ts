import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConfigurationError } from '../../src/errors/errors.js';
import { defineTool } from '../../src/tools/define-tool.js';
import { setup } from '../engine/harness.js';
import { lastComposePrompt, recordOf, sayIn, sectionOf } from './helpers.js';

function tierTool(
  run = vi.fn(async (context: { customerId: string }) => `gold:${context.customerId}`),
) {
  return {
    run,
    tool: defineTool({
      name: 'loyalty_tier',
      description: "Looks up the customer's loyalty tier",
      parameters: z.object({}),
      run: (context) => run(context),
    }),
  };
}

describe('variables in turns', () => {
  it('gives each customer their own value: customer > customer tag > global', async () => {
    const t = await setup();
    t.model.on('compose', 'ok');
    const vip = await t.conduct.store.tags.create({ name: 'vip' });
    const tier = await t.agent.variables.create({ name: 'tier', description: 'loyalty tier' });
    await tier.setGlobal('bronze');
    await tier.setForTag(vip.id, 'gold');
    const ana = await t.conduct.store.customers.create({ name: 'Ana', tags: [vip.id] });
    const ben = await t.conduct.store.customers.create({ name: 'Ben', tags: [vip.id] });
    await tier.setForCustomer(ana.id, 'platinum');

    const seen: Record<string, string[]> = {};
    for (const [who, customerId] of [
      ['ana', ana.id],
      ['ben', ben.id],
      ['guest', undefined],
    ] as const) {
      const session = await t.agent.createSession(customerId ? { customerId } : {});
      await sayIn(t, session.id, 'what is my tier?');
      seen[who] = sectionOf(lastComposePrompt(t.model), 'variables');
    }
    expect(seen).toEqual({
      ana: ['- tier (loyalty tier): platinum'],
      ben: ['- tier (loyalty tier): gold'],
      guest: ['- tier (loyalty tier): bronze'],
    });
    expect(await tier.valueFor(ben.id)).toMatchObject({ key: `tag:${vip.id}`, data: 'gold' });
  });

  it('shows nothing for a variable without a value for the customer', async () => {
    const t = await setup();
    t.model.on('compose', 'ok');
    const tier = await t.agent.variables.create({ name: 'tier' });
    await tier.setForCustomer('someone-else', 'gold');
    const customer = await t.say('hi');
    expect(sectionOf(lastComposePrompt(t.model), 'variables')).toEqual([]);
    expect((await recordOf(t, t.session.id, customer.traceId)).grounding.variables).toEqual([]);
  });

  it('refreshes a stale TTL value through its tool, and not while it is fresh', async () => {
    let now = new Date();
    const t = await setup({ grounding: { now: () => now } });
    t.model.on('compose', 'ok');
    const { tool, run } = tierTool();
    const tier = await t.agent.variables.create({ name: 'tier', tool, ttlSeconds: 60 });
    const ana = await t.conduct.store.customers.create({ name: 'Ana' });
    const session = await t.agent.createSession({ customerId: ana.id });
    const stored = await tier.setForCustomer(ana.id, 'silver');
    now = new Date(Date.parse(stored.updatedAt) + 30_000);
    await sayIn(t, session.id, 'hello');
    expect(run).not.toHaveBeenCalled();
    expect(sectionOf(lastComposePrompt(t.model), 'variables')).toEqual(['- tier: silver']);

    now = new Date(Date.parse(stored.updatedAt) + 61_000);
    const customer = await sayIn(t, session.id, 'hello again');
    expect(run).toHaveBeenCalledTimes(1);
    expect(sectionOf(lastComposePrompt(t.model), 'variables')).toEqual([`- tier: gold:${ana.id}`]);
    expect(await tier.valueFor(ana.id)).toMatchObject({ key: ana.id, data: `gold:${ana.id}` });
    const record = await recordOf(t, session.id, customer.traceId);
    expect(record.grounding.refreshes).toEqual([
      expect.objectContaining({
        name: 'tier',
        tool: 'local:loyalty_tier',
        status: 'refreshed',
        key: ana.id,
      }),
    ]);
  });

  it('refreshes by cron once a scheduled time passed since the value was set', async () => {
    let now = new Date();
    const t = await setup({ grounding: { now: () => now } });
    t.model.on('compose', 'ok');
    const { tool, run } = tierTool();
    const tier = await t.agent.variables.create({
      name: 'tier',
      tool,
      freshnessRules: '0 * * * *',
    });
    const stored = await tier.setGlobal('silver');
    // The same instant it was set: no full hour has passed.
    now = new Date(stored.updatedAt);
    await t.say('hello');
    expect(run).not.toHaveBeenCalled();

    now = new Date(Date.parse(stored.updatedAt) + 61 * 60_000);
    await t.say('hello again');
    expect(run).toHaveBeenCalledTimes(1);
    expect(sectionOf(lastComposePrompt(t.model), 'variables')).toEqual(['- tier: gold:guest']);
    // Stored for this customer; the global value is left as it was.
    expect((await t.conduct.store.variables.getValue(tier.id, 'DEFAULT'))?.data).toBe('silver');
  });

  it('fills a missing value through the tool, with no extra model call', async () => {
    const t = await setup();
    t.model.on('compose', 'ok');
    const { tool, run } = tierTool();
    await t.agent.variables.create({ name: 'tier', tool });
    const ana = await t.conduct.store.customers.create({ name: 'Ana' });
    const session = await t.agent.createSession({ customerId: ana.id });
    await sayIn(t, session.id, 'hello');
    expect(run).toHaveBeenCalledTimes(1);
    expect(t.model.calls.map((call) => call.task)).toEqual(['compose']);
    await sayIn(t, session.id, 'hello again');
    // Without freshness rules a stored value stays fresh.
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('keeps the old value when the refresh fails or times out, and records why', async () => {
    let now = new Date();
    const t = await setup({ grounding: { now: () => now }, toolTimeoutMs: 30 });
    t.model.on('compose', 'ok');
    const slow = defineTool({
      name: 'slow_tier',
      description: 'Never answers in time',
      parameters: z.object({}),
      run: (context) =>
        new Promise((resolve) => context.signal.addEventListener('abort', () => resolve('late'))),
    });
    const broken = defineTool({
      name: 'broken_tier',
      description: 'Fails',
      parameters: z.object({}),
      run: () => {
        throw new Error('CRM unavailable');
      },
    });
    const a = await t.agent.variables.create({ name: 'a', tool: slow, ttlSeconds: 1 });
    const b = await t.agent.variables.create({ name: 'b', tool: broken, ttlSeconds: 1 });
    await a.setGlobal('old-a');
    await b.setGlobal('old-b');
    now = new Date(Date.now() + 10_000);
    const customer = await t.say('hello');

    expect(sectionOf(lastComposePrompt(t.model), 'variables')).toEqual([
      '- a: old-a',
      '- b: old-b',
    ]);
    const record = await recordOf(t, t.session.id, customer.traceId);
    expect(record.status).toBe('completed');
    expect(record.grounding.refreshes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'a', status: 'failed', error: 'timed out after 30 ms' }),
        expect.objectContaining({ name: 'b', status: 'failed', error: 'CRM unavailable' }),
      ]),
    );
  });

  it('rejects unusable variable definitions with clear errors', async () => {
    const t = await setup();
    const needsArgs = defineTool({
      name: 'lookup',
      description: 'Needs an id',
      parameters: z.object({ id: z.string() }),
      run: () => 'x',
    });
    await expect(t.agent.variables.create({ name: 'x', tool: needsArgs })).rejects.toThrow(
      /Variable "x": tool "local:lookup" must run without arguments/,
    );
    await expect(
      t.agent.variables.create({ name: 'x', freshnessRules: '61 * * * *' }),
    ).rejects.toThrow(ConfigurationError);
    await expect(t.agent.variables.create({ name: 'x', ttlSeconds: 1.5 })).rejects.toThrow(
      /ttlSeconds must be a positive whole number/,
    );
    expect(await t.agent.variables.list()).toEqual([]);
  });

  it('is idempotent: defining the same variable again updates it', async () => {
    const t = await setup();
    const first = await t.agent.variables.create({ name: 'tier', description: 'old' });
    const second = await t.agent.variables.create({
      name: 'tier',
      description: 'new',
      ttlSeconds: 5,
    });
    expect(second.id).toBe(first.id);
    expect(await t.agent.variables.list()).toEqual([
      expect.objectContaining({ id: first.id, description: 'new', ttlSeconds: 5 }),
    ]);
  });
});
