import { afterEach, describe, expect, it, vi } from 'vitest';
import { once, parlantClient, setup } from './behavior-harness.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const field = { name: 'order_id', description: 'The order number', examples: ['A-1'] };

describe('/canned_responses', () => {
  it('creates, filters by repeated tags, reads, updates and deletes responses', async () => {
    const { call } = setup();
    const a = (await call('POST', '/tags', { name: 'a' })).body.id;
    const b = (await call('POST', '/tags', { name: 'b' })).body.id;
    const created = await call('POST', '/canned_responses', {
      value: 'Order {{order_id}} has shipped.',
      fields: [field],
      tags: [a],
      signals: ['where is my order'],
      metadata: { source: 'ops' },
      field_dependencies: ['order_id'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      creation_utc: expect.stringMatching(/Z$/),
      value: 'Order {{order_id}} has shipped.',
      fields: [field],
      tags: [a],
      signals: ['where is my order'],
      metadata: { source: 'ops' },
      field_dependencies: ['order_id'],
    });
    const response = created.body;
    const other = (await call('POST', '/canned_responses', { value: 'Hi!', fields: [], tags: [b] }))
      .body;
    expect(other).toMatchObject({ signals: [], metadata: {}, field_dependencies: [] });
    await call('POST', '/canned_responses', { value: 'Untagged', fields: [] });

    expect((await call('GET', '/canned_responses')).body).toHaveLength(3);
    expect((await call('GET', `/canned_responses?tags=${a}`)).body).toEqual([response]);
    const either = (await call('GET', `/canned_responses?tags=${a}&tags=${b}`)).body;
    expect(either.map((r: { id: string }) => r.id).sort()).toEqual([response.id, other.id].sort());
    expect((await call('GET', `/canned_responses/${response.id}`)).body).toEqual(response);

    const patched = await call('PATCH', `/canned_responses/${response.id}`, {
      value: 'Order {{order_id}} is on its way.',
      tags: { add: [b], remove: [a] },
      metadata: { set: { reviewed: true }, unset: ['source'] },
    });
    expect(patched.body).toEqual({
      ...response,
      value: 'Order {{order_id}} is on its way.',
      tags: [b],
      metadata: { reviewed: true },
    });
    expect((await call('DELETE', `/canned_responses/${response.id}`)).status).toBe(204);
    expect((await call('GET', `/canned_responses/${response.id}`)).status).toBe(404);
  });

  it('rejects bad input with 4xx and stores nothing', async () => {
    const { call, store } = setup();
    const missing = await call('POST', '/canned_responses', { value: 'Hi' });
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'fields'] });
    for (const bad of [
      { value: '', fields: [] },
      { value: 'Hi', fields: [{ name: 'x', description: 'd' }] },
      { value: 'Hi', fields: [], metadata: [] },
      { value: 'Hi', fields: [], signals: [1] },
    ]) {
      expect((await call('POST', '/canned_responses', bad)).status, JSON.stringify(bad)).toBe(422);
    }
    expect(
      (await call('POST', '/canned_responses', { value: 'Hi', fields: [], tags: ['nope'] })).status,
    ).toBe(404);
    expect(await store.cannedResponses.list()).toEqual([]);

    const body = { id: 'hi', value: 'Hi', fields: [] };
    expect((await call('POST', '/canned_responses', body)).body.id).toBe('hi');
    expect((await call('POST', '/canned_responses', body)).status).toBe(409);
    expect((await call('PATCH', '/canned_responses/hi', { tags: { add: ['nope'] } })).status).toBe(
      404,
    );
    expect((await call('PATCH', '/canned_responses/hi', { metadata: { unset: 'x' } })).status).toBe(
      422,
    );
    expect((await store.cannedResponses.get('hi')).tags).toEqual([]);
    expect((await call('PATCH', '/canned_responses/nope', { value: 'x' })).status).toBe(404);
    expect((await call('DELETE', '/canned_responses/nope')).status).toBe(404);
  });

  it('works with parlant-client 3.3.1', async () => {
    const { app } = setup();
    const client = parlantClient(app);
    const tag = await client.tags.create({ name: 'store' }, once);
    const response = await client.cannedResponses.create(
      { value: 'Order {{order_id}} shipped', fields: [field], tags: [tag.id] },
      once,
    );
    expect(response.creationUtc).toBeInstanceOf(Date);
    expect(await client.cannedResponses.list({ tags: [tag.id] }, once)).toHaveLength(1);
    expect(await client.cannedResponses.retrieve(response.id, once)).toEqual(response);
    await client.cannedResponses.update(response.id, { value: 'Shipped' }, once);
    await client.cannedResponses.delete(response.id, once);
  });
});
