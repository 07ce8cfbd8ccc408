import { describe, expect, it } from 'vitest';
import { setup } from './behavior-harness.js';

const tierTool = { service_name: 'crm', tool_name: 'loyalty_tier' };

describe('/context-variables freshness and refresh tools', () => {
  it('stores, returns, changes and clears ttl_seconds (an extension beside freshness_rules)', async () => {
    const { call, store } = setup();
    const created = await call('POST', '/context-variables', {
      name: 'tier',
      tool_id: tierTool,
      ttl_seconds: 3600,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      tool_id: tierTool,
      freshness_rules: null,
      ttl_seconds: 3600,
    });
    const id = created.body.id;
    expect((await store.variables.get(id)).ttlSeconds).toBe(3600);

    const patched = await call('PATCH', `/context-variables/${id}`, {
      ttl_seconds: 60,
      freshness_rules: '@daily',
    });
    expect(patched.body).toMatchObject({ ttl_seconds: 60, freshness_rules: '@daily' });
    // Absent keeps, null clears.
    expect((await call('PATCH', `/context-variables/${id}`, { name: 'level' })).body).toMatchObject(
      {
        ttl_seconds: 60,
      },
    );
    const cleared = await call('PATCH', `/context-variables/${id}`, { ttl_seconds: null });
    expect(cleared.body).toMatchObject({ ttl_seconds: null, freshness_rules: '@daily' });
    expect(
      (await call('GET', `/context-variables/${id}`)).body.context_variable.ttl_seconds,
    ).toBeNull();
  });

  it('rejects bad ttl_seconds and explains bad cron rules, changing nothing', async () => {
    const { call, store } = setup();
    for (const ttl of [0, -5, 1.5, '60']) {
      const response = await call('POST', '/context-variables', { name: 'x', ttl_seconds: ttl });
      expect(response.status, String(ttl)).toBe(422);
      expect(response.body.detail[0].loc).toEqual(['body', 'ttl_seconds']);
    }
    const cron = await call('POST', '/context-variables', {
      name: 'x',
      freshness_rules: '0 25 * * *',
    });
    expect(cron.status).toBe(422);
    expect(cron.body.detail[0].msg).toMatch(/invalid cron expression.*hour "25"/);
    expect(await store.variables.list()).toEqual([]);

    const id = (await call('POST', '/context-variables', { name: 'x', ttl_seconds: 10 })).body.id;
    expect((await call('PATCH', `/context-variables/${id}`, { ttl_seconds: 0 })).status).toBe(422);
    expect((await store.variables.get(id)).ttlSeconds).toBe(10);
  });

  it('rejects a refresh tool that needs arguments, on create and on update', async () => {
    const { call, store } = setup();
    const lookup = { service_name: 'orders', tool_name: 'lookup_order' };
    const created = await call('POST', '/context-variables', { name: 'x', tool_id: lookup });
    expect(created.status).toBe(422);
    expect(created.body.detail[0]).toMatchObject({ loc: ['body', 'tool_id'] });
    expect(created.body.detail[0].msg).toMatch(/orders:lookup_order.*without arguments.*order_id/);
    expect(await store.variables.list()).toEqual([]);

    const id = (await call('POST', '/context-variables', { name: 'x', tool_id: tierTool })).body.id;
    expect((await call('PATCH', `/context-variables/${id}`, { tool_id: lookup })).status).toBe(422);
    expect((await store.variables.get(id)).tool).toBe('crm:loyalty_tier');
  });

  it('serves values that turns refresh: the tool result lands under the customer key', async () => {
    const { call, conduct } = setup();
    const agent = await conduct.agents.create({ name: 'Ava' });
    const variable = (
      await call('POST', '/context-variables', { name: 'tier', tool_id: tierTool, ttl_seconds: 60 })
    ).body;
    const customer = (await call('POST', '/customers', { name: 'Ana' })).body;
    const session = await agent.createSession({ customerId: customer.id });
    await conduct.engine.postCustomerMessage(session.id, { message: 'hi' });
    await conduct.engine.idle(session.id);
    const value = await call('GET', `/context-variables/${variable.id}/${customer.id}`);
    expect(value.status).toBe(200);
    expect(value.body.data).toBe(`gold for ${customer.id}`);
    // Guests share one customer id: their refreshed values are never stored.
    const guest = await agent.createSession();
    await conduct.engine.postCustomerMessage(guest.id, { message: 'hi' });
    await conduct.engine.idle(guest.id);
    expect((await call('GET', `/context-variables/${variable.id}/guest`)).status).toBe(404);
  });
});
