import { afterEach, describe, expect, it, vi } from 'vitest';
import { once, parlantClient, setup } from './behavior-harness.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const lookup = { service_name: 'crm', tool_name: 'loyalty_tier' };

describe('/context-variables', () => {
  it('creates, filters, reads, updates and deletes variables', async () => {
    const { call } = setup();
    const tag = (await call('POST', '/tags', { name: 'vip' })).body;
    const created = await call('POST', '/context-variables', {
      name: 'order_status',
      description: 'Latest order status',
      tool_id: lookup,
      freshness_rules: '0 8,20 * * *',
      tags: [tag.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: 'order_status',
      description: 'Latest order status',
      tool_id: lookup,
      freshness_rules: '0 8,20 * * *',
      ttl_seconds: null,
      tags: [tag.id],
    });
    const variable = created.body;
    const plain = (await call('POST', '/context-variables', { name: 'tier' })).body;
    expect(plain).toMatchObject({
      description: null,
      tool_id: null,
      freshness_rules: null,
      tags: [],
    });

    expect((await call('GET', '/context-variables')).body).toHaveLength(2);
    expect((await call('GET', `/context-variables?tag_id=${tag.id}`)).body).toEqual([variable]);
    expect((await call('GET', `/context-variables/${variable.id}`)).body).toEqual({
      context_variable: variable,
      key_value_pairs: {},
    });

    const patched = await call('PATCH', `/context-variables/${variable.id}`, {
      name: 'status',
      freshness_rules: '@hourly',
      tool_id: null,
      tags: { remove: [tag.id] },
    });
    expect(patched.body).toEqual({
      ...variable,
      name: 'status',
      freshness_rules: '@hourly',
      tool_id: null,
      tags: [],
    });
    expect((await call('DELETE', `/context-variables/${variable.id}`)).status).toBe(204);
    expect((await call('GET', `/context-variables/${variable.id}`)).status).toBe(404);
  });

  it('sets, reads and deletes values per customer, tag and DEFAULT', async () => {
    const { call } = setup();
    const variable = (await call('POST', '/context-variables', { name: 'tier' })).body;
    const base = `/context-variables/${variable.id}`;
    const set = await call('PUT', `${base}/cust1`, { data: { tier: 'gold' } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      id: expect.any(String),
      last_modified: expect.any(String),
      data: { tier: 'gold' },
    });
    await call('PUT', `${base}/${encodeURIComponent('tag:vip')}`, { data: 'silver' });
    await call('PUT', `${base}/DEFAULT`, { data: null });
    expect((await call('GET', `${base}/cust1`)).body).toEqual(set.body);
    expect((await call('GET', `${base}/tag%3Avip`)).body.data).toBe('silver');
    expect((await call('GET', `${base}/DEFAULT`)).body.data).toBeNull();

    const again = await call('PUT', `${base}/cust1`, { data: 42 });
    expect(again.body).toMatchObject({ id: set.body.id, data: 42 });

    const read = await call('GET', base);
    expect(Object.keys(read.body.key_value_pairs).sort()).toEqual(['DEFAULT', 'cust1', 'tag:vip']);
    expect((await call('GET', `${base}?include_values=false`)).body.key_value_pairs).toBeNull();
    expect((await call('GET', `${base}?include_values=maybe`)).status).toBe(422);

    expect((await call('DELETE', `${base}/cust1`)).status).toBe(204);
    expect((await call('GET', `${base}/cust1`)).status).toBe(404);
    expect((await call('DELETE', `${base}/cust1`)).status).toBe(404);
    const missingData = await call('PUT', `${base}/cust2`, {});
    expect(missingData.status).toBe(422);
    expect(missingData.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'data'] });
    expect((await call('PUT', '/context-variables/nope/cust1', { data: 1 })).status).toBe(404);
    expect((await call('GET', '/context-variables/nope/cust1')).status).toBe(404);
  });

  it('deletes many: untags tagged variables, deletes those left untagged, or all', async () => {
    const { call, store } = setup();
    const a = (await call('POST', '/tags', { name: 'a' })).body.id;
    const b = (await call('POST', '/tags', { name: 'b' })).body.id;
    const onlyA = (await call('POST', '/context-variables', { name: 'x', tags: [a] })).body;
    const both = (await call('POST', '/context-variables', { name: 'y', tags: [a, b] })).body;
    const none = (await call('POST', '/context-variables', { name: 'z' })).body;
    expect((await call('DELETE', `/context-variables?tag_id=${a}`)).status).toBe(204);
    const left = await store.variables.list();
    expect(left).toHaveLength(2);
    expect(left.find((v) => v.id === both.id)?.tags).toEqual([b]);
    expect(left.find((v) => v.id === none.id)?.tags).toEqual([]);
    expect(await store.variables.find(onlyA.id)).toBeUndefined();
    expect((await call('DELETE', '/context-variables')).status).toBe(204);
    expect(await store.variables.list()).toEqual([]);
  });

  it('works with parlant-client 3.3.1', async () => {
    const { app } = setup();
    const client = parlantClient(app);
    const variable = await client.contextVariables.create(
      { name: 'tier', toolId: { serviceName: 'crm', toolName: 'loyalty_tier' } },
      once,
    );
    await client.contextVariables.setValue(variable.id, 'tag:vip', { data: 'gold' }, once);
    const value = await client.contextVariables.getValue(variable.id, 'tag:vip', once);
    expect(value.data).toBe('gold');
    const read = await client.contextVariables.retrieve(variable.id, {}, once);
    expect(read.keyValuePairs?.['tag:vip']?.data).toBe('gold');
    await client.contextVariables.deleteValue(variable.id, 'tag:vip', once);
    await client.contextVariables.update(variable.id, { freshnessRules: '0 * * * *' }, once);
    expect(await client.contextVariables.list({}, once)).toHaveLength(1);
    await client.contextVariables.deleteMany({}, once);
    expect(await client.contextVariables.list({}, once)).toEqual([]);
  });
});
