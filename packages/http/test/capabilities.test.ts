import { afterEach, describe, expect, it, vi } from 'vitest';
import { once, parlantClient, setup } from './behavior-harness.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('/capabilities', () => {
  it('creates, filters, reads, updates and deletes capabilities', async () => {
    const { call } = setup();
    const tag = (await call('POST', '/tags', { name: 'store' })).body;
    const created = await call('POST', '/capabilities', {
      title: 'Track orders',
      description: 'Looks up where an order is',
      signals: ['where is my order'],
      tags: [tag.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      title: 'Track orders',
      description: 'Looks up where an order is',
      signals: ['where is my order'],
      tags: [tag.id],
    });
    const capability = created.body;
    await call('POST', '/capabilities', { title: 'Refunds', description: '', signals: [] });

    expect((await call('GET', '/capabilities')).body).toHaveLength(2);
    expect((await call('GET', `/capabilities?tag_id=${tag.id}`)).body).toEqual([capability]);
    expect((await call('GET', `/capabilities/${capability.id}`)).body).toEqual(capability);
    const patched = await call('PATCH', `/capabilities/${capability.id}`, {
      title: 'Order tracking',
      signals: ['track'],
      tags: { remove: [tag.id] },
    });
    expect(patched.body).toEqual({
      ...capability,
      title: 'Order tracking',
      signals: ['track'],
      tags: [],
    });
    expect((await call('DELETE', `/capabilities/${capability.id}`)).status).toBe(204);
    expect((await call('GET', `/capabilities/${capability.id}`)).status).toBe(404);
  });

  it('rejects bad input with 4xx and stores nothing', async () => {
    const { call, store } = setup();
    const missing = await call('POST', '/capabilities', { title: 'x', description: 'd' });
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'signals'] });
    const long = { title: 'x'.repeat(101), description: 'd', signals: [] };
    expect((await call('POST', '/capabilities', long)).status).toBe(422);
    const unknownTag = { title: 'x', description: 'd', signals: [], tags: ['nope'] };
    expect((await call('POST', '/capabilities', unknownTag)).status).toBe(404);
    expect((await call('POST', '/capabilities', 'nope')).status).toBe(422);
    expect(await store.capabilities.list()).toEqual([]);

    const body = { id: 'track', title: 'x', description: 'd', signals: [] };
    expect((await call('POST', '/capabilities', body)).body.id).toBe('track');
    expect((await call('POST', '/capabilities', body)).status).toBe(409);
    expect((await call('PATCH', '/capabilities/track', { signals: 'a' })).status).toBe(422);
    expect((await call('PATCH', '/capabilities/nope', { title: 'x' })).status).toBe(404);
    expect((await call('DELETE', '/capabilities/nope')).status).toBe(404);
  });

  it('works with parlant-client 3.3.1', async () => {
    const { app } = setup();
    const client = parlantClient(app);
    const capability = await client.capabilities.create(
      { title: 'Track', description: 'd', signals: ['where'] },
      once,
    );
    expect(await client.capabilities.retrieve(capability.id, once)).toEqual(capability);
    expect(await client.capabilities.list({}, once)).toEqual([capability]);
    await client.capabilities.update(capability.id, { description: 'e' }, once);
    await client.capabilities.delete(capability.id, once);
  });
});

describe('/services without tool services, and /evaluations', () => {
  it('answer 501 with a detail that says what to do instead', async () => {
    const { call } = setup();
    for (const [method, path] of [
      ['GET', '/services'],
      ['GET', '/services/orders'],
      ['PUT', '/services/orders'],
      ['DELETE', '/services/orders'],
      ['POST', '/evaluations'],
      ['GET', '/evaluations/e1'],
    ] as const) {
      const body = method === 'PUT' ? { kind: 'mcp', mcp: { url: 'http://127.0.0.1:1/mcp' } } : {};
      const response = await call(method, path, method === 'GET' ? undefined : body);
      expect(response.status).toBe(501);
      expect(response.body.detail).toMatch(
        path.startsWith('/services') ? /not enabled on this server/ : /not supported over HTTP yet/,
      );
    }
  });
});
