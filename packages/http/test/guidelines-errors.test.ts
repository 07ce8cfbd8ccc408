import { describe, expect, it } from 'vitest';
import { setup } from './behavior-harness.js';

const lookup = { service_name: 'orders', tool_name: 'lookup_order' };

describe('/guidelines bad input', () => {
  it('rejects bad input with 4xx and changes nothing', async () => {
    const { call, store } = setup();
    const missing = await call('POST', '/guidelines', { action: 'x' });
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'condition'] });
    for (const bad of [
      { condition: 'c', criticality: 'urgent' },
      { condition: 'c', priority: 1.5 },
      { condition: 'c', enabled: 'yes' },
      { condition: 'c', composition_mode: 'loose' },
      { condition: '' },
      { condition: 'c', action: '  ' },
      { condition: 'c', tags: 'vip' },
      { condition: 'c', id: 'a/b' },
    ]) {
      const response = await call('POST', '/guidelines', bad);
      expect(response.status, JSON.stringify(bad)).toBe(422);
    }
    expect((await call('POST', '/guidelines', { condition: 'c', tags: ['nope'] })).status).toBe(
      404,
    );
    expect((await call('POST', '/guidelines', '{')).status).toBe(422);
    expect(await store.guidelines.list()).toEqual([]);

    await call('POST', '/guidelines', { id: 'g1', condition: 'c', action: 'a' });
    expect((await call('POST', '/guidelines', { id: 'g1', condition: 'c' })).status).toBe(409);
    const before = await store.guidelines.get('g1');
    const unknownTool = await call('PATCH', '/guidelines/g1', {
      action: 'changed',
      tool_associations: { add: [{ service_name: 'orders', tool_name: 'ghost' }] },
    });
    expect(unknownTool.status).toBe(404);
    expect(unknownTool.body.detail).toBe("Tool not found (id='orders:ghost')");
    const notAssociated = await call('PATCH', '/guidelines/g1', {
      action: 'changed',
      tool_associations: { remove: [lookup] },
    });
    expect(notAssociated.status).toBe(404);
    expect(
      (
        await call('PATCH', '/guidelines/g1', {
          tool_associations: { add: [{ service_name: 'x' }] },
        })
      ).status,
    ).toBe(422);
    expect((await call('PATCH', '/guidelines/g1', { tags: { add: ['nope'] } })).status).toBe(404);
    expect((await call('PATCH', '/guidelines/g1', { labels: { upsert: 'x' } })).status).toBe(422);
    expect(await store.guidelines.get('g1')).toEqual(before);

    for (const method of ['GET', 'DELETE']) {
      expect((await call(method, '/guidelines/nope')).status).toBe(404);
    }
    expect((await call('PATCH', '/guidelines/nope', { action: 'x' })).status).toBe(404);
  });
});
