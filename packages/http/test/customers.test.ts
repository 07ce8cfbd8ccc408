import { describe, expect, it } from 'vitest';
import { call, send, setup } from './sessions-harness.js';

describe('/customers', () => {
  it('creates, reads, updates and deletes a customer in the wire format', async () => {
    const { app } = setup();
    const created = await call(
      app,
      '/customers',
      send('POST', { name: 'Alice', metadata: { plan: 'gold' }, tags: ['vip'] }),
    );
    expect(created.status).toBe(201);
    const alice = created.body;
    expect(alice).toEqual({
      id: expect.stringMatching(/^[0-9a-zA-Z]{10}$/),
      creation_utc: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      name: 'Alice',
      metadata: { plan: 'gold' },
      tags: ['vip'],
      extra: { plan: 'gold' },
    });
    expect((await call(app, `/customers/${alice.id}`)).body).toEqual(alice);
    const patched = await call(
      app,
      `/customers/${alice.id}`,
      send('PATCH', {
        name: 'Alice B',
        metadata: { set: { city: 'Oslo' }, unset: ['plan'] },
        tags: { add: ['beta'], remove: ['vip'] },
      }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Alice B',
      metadata: { city: 'Oslo' },
      extra: { city: 'Oslo' },
      tags: ['beta'],
    });
    expect((await call(app, `/customers/${alice.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await call(app, `/customers/${alice.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.detail).toBe(`Customer not found (id='${alice.id}')`);
  });

  it('always has the guest, which cannot be deleted', async () => {
    const { app } = setup();
    const guest = await call(app, '/customers/guest');
    expect(guest.body).toMatchObject({ id: 'guest', name: 'Guest', metadata: {}, tags: [] });
    const deleted = await call(app, '/customers/guest', { method: 'DELETE' });
    expect(deleted.status).toBe(400);
    expect(deleted.body.detail).toContain('guest customer cannot be deleted');
    expect((await call(app, '/customers/guest')).status).toBe(200);
  });

  it('accepts a custom id and answers a taken one with 409', async () => {
    const { app } = setup();
    const created = await call(app, '/customers', send('POST', { id: 'cust-1', name: 'Bo' }));
    expect(created.body.id).toBe('cust-1');
    const again = await call(app, '/customers', send('POST', { id: 'cust-1', name: 'Bo' }));
    expect(again.status).toBe(409);
    expect(typeof again.body.detail).toBe('string');
  });

  it('lists as an array without limit, as pages with one', async () => {
    const { app } = setup();
    for (const name of ['A', 'B', 'C']) {
      await call(app, '/customers', send('POST', { name }));
      // Distinct creation times, so the expected order does not depend on random ids.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const all = await call(app, '/customers');
    expect(all.body.map((c: { name: string }) => c.name)).toEqual(['Guest', 'A', 'B', 'C']);
    const first = await call(app, '/customers?limit=3');
    expect(Object.keys(first.body).sort()).toEqual([
      'has_more',
      'items',
      'next_cursor',
      'total_count',
    ]);
    expect(first.body.items.map((c: { name: string }) => c.name)).toEqual(['Guest', 'A', 'B']);
    expect(first.body).toMatchObject({ total_count: 4, has_more: true });
    const cursor = encodeURIComponent(first.body.next_cursor);
    const second = await call(app, `/customers?limit=3&cursor=${cursor}`);
    expect(second.body).toMatchObject({ total_count: 1, has_more: false, next_cursor: null });
    expect(second.body.items.map((c: { name: string }) => c.name)).toEqual(['C']);
    const desc = await call(app, '/customers?limit=1&sort=desc');
    expect(desc.body.items[0].name).toBe('C');
    const badCursor = await call(app, '/customers?limit=10&cursor=not-a-cursor');
    expect(badCursor.body.items).toHaveLength(4);
  });

  it('answers bad input with 422 and stores nothing', async () => {
    const { app, store } = setup();
    for (const query of ['limit=0', 'limit=101', 'limit=1.5', 'limit=x', 'sort=up']) {
      const response = await call(app, `/customers?${query}`);
      expect(response.status, query).toBe(422);
      expect(response.body.detail[0].loc[0]).toBe('query');
    }
    const bad = [
      {},
      { name: '' },
      { name: 'x'.repeat(101) },
      { name: 7 },
      { name: 'A', metadata: { age: 3 } },
      { name: 'A', tags: 'vip' },
    ];
    for (const body of bad) {
      const response = await call(app, '/customers', send('POST', body));
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(Array.isArray(response.body.detail)).toBe(true);
    }
    const malformed = await call(app, '/customers', send('POST', '{"name":'));
    expect(malformed.status).toBe(422);
    expect(malformed.body.detail[0].type).toBe('json_invalid');
    const missing = await call(app, '/customers', send('POST', {}));
    expect(missing.body.detail[0]).toMatchObject({ loc: ['body', 'name'], type: 'missing' });
    expect(await store.customers.list()).toHaveLength(1);
    const patch = await call(
      app,
      '/customers/guest',
      send('PATCH', { metadata: { set: { a: 1 } } }),
    );
    expect(patch.status).toBe(422);
    expect((await call(app, '/customers/nope', send('PATCH', { name: 'x' }))).status).toBe(404);
    expect((await call(app, '/customers/nope', { method: 'DELETE' })).status).toBe(404);
  });
});
