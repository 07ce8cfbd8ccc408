import { afterEach, describe, expect, it, vi } from 'vitest';
import { once, parlantClient, setup } from './behavior-harness.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const lookup = { service_name: 'orders', tool_name: 'lookup_order' };
const refund = { service_name: 'orders', tool_name: 'refund_order' };

describe('/guidelines', () => {
  it('creates a guideline with defaults and every field in the wire format', async () => {
    const { call } = setup();
    const minimal = await call('POST', '/guidelines', { condition: 'the customer greets' });
    expect(minimal.status).toBe(201);
    expect(minimal.body).toEqual({
      id: expect.stringMatching(/^[0-9a-zA-Z]{10}$/),
      condition: 'the customer greets',
      action: null,
      description: null,
      title: null,
      criticality: 'medium',
      enabled: true,
      tags: [],
      metadata: {},
      composition_mode: null,
      track: true,
      labels: [],
      priority: 0,
    });
    const tag = (await call('POST', '/tags', { name: 'returns' })).body;
    const full = await call('POST', '/guidelines', {
      id: 'return-window',
      condition: 'the customer asks about returns',
      action: 'explain the 30-day window',
      description: 'Return policy',
      title: 'Returns',
      criticality: 'high',
      metadata: { owner: 'ops' },
      enabled: false,
      tags: [tag.id],
      composition_mode: 'strict_canned',
      track: false,
      labels: ['policy'],
      priority: 3,
    });
    expect(full.body).toEqual({
      id: 'return-window',
      condition: 'the customer asks about returns',
      action: 'explain the 30-day window',
      description: 'Return policy',
      title: 'Returns',
      criticality: 'high',
      enabled: false,
      tags: [tag.id],
      metadata: { owner: 'ops' },
      composition_mode: 'strict_canned',
      track: false,
      labels: ['policy'],
      priority: 3,
    });
    expect((await call('GET', '/guidelines')).body).toHaveLength(2);
    expect((await call('GET', `/guidelines?tag_id=${tag.id}`)).body).toEqual([full.body]);
    expect((await call('GET', '/guidelines?tag_id=other')).body).toEqual([]);
  });

  it('reads one guideline with its relationships and tool associations', async () => {
    const { call } = setup();
    const a = (await call('POST', '/guidelines', { condition: 'a', action: 'do a' })).body;
    const b = (await call('POST', '/guidelines', { condition: 'b', action: 'do b' })).body;
    const c = (await call('POST', '/guidelines', { condition: 'c', action: 'do c' })).body;
    await call('POST', '/relationships', {
      source_guideline: a.id,
      target_guideline: b.id,
      kind: 'entailment',
    });
    await call('POST', '/relationships', {
      source_guideline: b.id,
      target_guideline: c.id,
      kind: 'entailment',
    });
    await call('PATCH', `/guidelines/${a.id}`, { tool_associations: { add: [lookup] } });
    const read = await call('GET', `/guidelines/${a.id}`);
    expect(read.status).toBe(200);
    expect(read.body.guideline).toEqual(a);
    // b → c is indirect for a (a entails b entails c)
    const sources = read.body.relationships.map(
      (r: { source_guideline: { id: string } }) => r.source_guideline.id,
    );
    expect(sources.sort()).toEqual([a.id, b.id].sort());
    const direct = read.body.relationships.find(
      (r: { source_guideline: { id: string } }) => r.source_guideline.id === a.id,
    );
    expect(direct).toMatchObject({
      kind: 'entailment',
      source_guideline: a,
      target_guideline: b,
      source_tag: null,
      target_tool: null,
    });
    expect(read.body.tool_associations).toEqual([
      { id: expect.any(String), guideline_id: a.id, tool_id: lookup },
    ]);
  });

  it('updates fields, tags, metadata, labels and tool associations', async () => {
    const { call, store } = setup();
    const tag = (await call('POST', '/tags', { name: 'vip' })).body;
    const g = (
      await call('POST', '/guidelines', {
        condition: 'c',
        action: 'a',
        metadata: { keep: 1, drop: 2 },
        labels: ['old', 'stay'],
      })
    ).body;
    const patched = await call('PATCH', `/guidelines/${g.id}`, {
      condition: 'the customer is angry',
      action: null,
      title: 'Angry',
      criticality: 'low',
      enabled: false,
      priority: 5,
      composition_mode: 'canned_fluid',
      tags: { add: [tag.id] },
      metadata: { set: { added: true }, unset: ['drop'] },
      labels: { upsert: ['new'], remove: ['old'] },
      tool_associations: { add: [lookup, refund] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.guideline).toMatchObject({
      condition: 'the customer is angry',
      action: null,
      title: 'Angry',
      criticality: 'low',
      enabled: false,
      priority: 5,
      composition_mode: 'canned_fluid',
      tags: [tag.id],
      metadata: { keep: 1, added: true },
      labels: ['stay', 'new'],
    });
    expect(patched.body.tool_associations.map((t: { tool_id: unknown }) => t.tool_id)).toEqual([
      lookup,
      refund,
    ]);
    expect((await store.guidelines.get(g.id)).tools).toEqual([
      'orders:lookup_order',
      'orders:refund_order',
    ]);
    const removed = await call('PATCH', `/guidelines/${g.id}`, {
      tool_associations: { remove: [lookup] },
      composition_mode: null,
    });
    expect(removed.body.tool_associations.map((t: { tool_id: unknown }) => t.tool_id)).toEqual([
      refund,
    ]);
    expect(removed.body.guideline.composition_mode).toBeNull();
  });

  it('deletes the relationships of a deleted guideline', async () => {
    const { call, store } = setup();
    const a = (await call('POST', '/guidelines', { condition: 'a' })).body;
    const b = (await call('POST', '/guidelines', { condition: 'b' })).body;
    await call('POST', '/relationships', {
      source_guideline: a.id,
      target_guideline: b.id,
      kind: 'priority',
    });
    expect((await call('DELETE', `/guidelines/${a.id}`)).status).toBe(204);
    expect(await store.relationships.list()).toEqual([]);
    expect((await call('GET', `/guidelines/${a.id}`)).status).toBe(404);
  });

  it('works with parlant-client 3.3.1', async () => {
    const { app } = setup();
    const client = parlantClient(app);
    const created = await client.guidelines.create(
      { condition: 'asks for order status', action: 'look it up', criticality: 'high' },
      once,
    );
    expect(created.criticality).toBe('high');
    const updated = await client.guidelines.update(
      created.id,
      {
        toolAssociations: { add: [{ serviceName: 'orders', toolName: 'lookup_order' }] },
        labels: { upsert: ['orders'] },
        metadata: { set: { team: 'support' } },
      },
      once,
    );
    expect(updated.toolAssociations[0]?.toolId).toEqual({
      serviceName: 'orders',
      toolName: 'lookup_order',
    });
    const read = await client.guidelines.retrieve(created.id, once);
    expect(read.guideline.labels).toEqual(['orders']);
    expect(await client.guidelines.list({}, once)).toHaveLength(1);
    await client.guidelines.delete(created.id, once);
  });
});
