import { afterEach, describe, expect, it, vi } from 'vitest';
import { once, parlantClient, setup } from './behavior-harness.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('/tags', () => {
  it('creates, lists, reads, renames and deletes tags in the wire format', async () => {
    const { call } = setup();
    const created = await call('POST', '/tags', { name: 'vip' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^[0-9a-zA-Z]{10}$/), name: 'vip' });
    const id = created.body.id;
    await call('POST', '/tags', { name: 'beta' });

    const names = (await call('GET', '/tags')).body.map((t: { name: string }) => t.name);
    expect(names.sort()).toEqual(['beta', 'vip']);
    expect((await call('GET', '/tags?name=beta')).body).toEqual([
      { id: expect.any(String), name: 'beta' },
    ]);
    expect((await call('GET', `/tags/${id}`)).body).toEqual({ id, name: 'vip' });

    const renamed = await call('PATCH', `/tags/${id}`, { name: 'gold' });
    expect(renamed).toMatchObject({ status: 200, body: { id, name: 'gold' } });

    expect((await call('DELETE', `/tags/${id}`)).status).toBe(204);
    expect((await call('GET', `/tags/${id}`)).status).toBe(404);
  });

  it('honours custom ids and answers a duplicate with 409', async () => {
    const { call } = setup();
    expect((await call('POST', '/tags', { id: 'vip', name: 'VIP' })).body).toEqual({
      id: 'vip',
      name: 'VIP',
    });
    const duplicate = await call('POST', '/tags', { id: 'vip', name: 'again' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toContain("'vip'");
  });

  it('rejects bad input with 422 and unknown ids with 404, storing nothing', async () => {
    const { call, store } = setup();
    const missing = await call('POST', '/tags', {});
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'name'] });
    expect((await call('POST', '/tags', { name: 'x'.repeat(51) })).status).toBe(422);
    expect((await call('POST', '/tags', { name: '   ' })).status).toBe(422);
    expect((await call('POST', '/tags', { name: 7 })).status).toBe(422);
    expect((await call('POST', '/tags', { id: 'agent:x', name: 'x' })).status).toBe(422);
    expect((await call('POST', '/tags', '{"name":')).body.detail[0].type).toBe('json_invalid');
    expect(await store.tags.list()).toEqual([]);

    const tag = (await call('POST', '/tags', { name: 'vip' })).body;
    expect((await call('PATCH', `/tags/${tag.id}`, {})).status).toBe(422);
    expect((await call('PATCH', `/tags/${tag.id}`, { name: '' })).status).toBe(422);
    expect((await store.tags.get(tag.id)).name).toBe('vip');

    for (const method of ['GET', 'DELETE']) {
      const unknown = await call(method, '/tags/nope');
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toBe("Tag not found (id='nope')");
    }
    expect((await call('PATCH', '/tags/nope', { name: 'x' })).status).toBe(404);
  });

  it('deletes the relationships of a deleted tag', async () => {
    const { call, store } = setup();
    const tag = (await call('POST', '/tags', { name: 'returns' })).body;
    const guideline = (await call('POST', '/guidelines', { condition: 'asks about returns' })).body;
    await call('POST', '/relationships', {
      source_tag: tag.id,
      target_guideline: guideline.id,
      kind: 'entailment',
    });
    expect(await store.relationships.list()).toHaveLength(1);
    await call('DELETE', `/tags/${tag.id}`);
    expect(await store.relationships.list()).toEqual([]);
  });

  it('works with parlant-client 3.3.1', async () => {
    const { app } = setup();
    const client = parlantClient(app);
    const tag = await client.tags.create({ name: 'vip' }, once);
    expect(await client.tags.retrieve(tag.id, once)).toEqual(tag);
    expect(await client.tags.list({ name: 'vip' }, once)).toEqual([tag]);
    expect((await client.tags.update(tag.id, { name: 'gold' }, once)).name).toBe('gold');
    await client.tags.delete(tag.id, once);
    await expect(client.tags.retrieve(tag.id, once)).rejects.toMatchObject({ statusCode: 404 });
  });
});
