import { describe, expect, it } from 'vitest';
import { agentAndSession, call, pollUntilReply, send, setup } from './sessions-harness.js';

const pause = () => new Promise((resolve) => setTimeout(resolve, 3));

describe('/sessions', () => {
  it('creates a session in the wire format, for the guest by default', async () => {
    const { app, store } = setup();
    const { agent, session } = await agentAndSession(app);
    expect(session).toEqual({
      id: expect.stringMatching(/^[0-9a-zA-Z]{10}$/),
      agent_id: agent.id,
      customer_id: 'guest',
      creation_utc: expect.stringMatching(/Z$/),
      title: null,
      mode: 'auto',
      consumption_offsets: { client: 0 },
      metadata: {},
      labels: [],
    });
    expect((await call(app, `/sessions/${session.id}`)).body).toEqual(session);
    const full = await call(
      app,
      '/sessions?allow_greeting=false',
      send('POST', {
        agent_id: agent.id,
        customer_id: 'not-checked',
        title: 'Order help',
        metadata: { channel: 'web', n: 2 },
        labels: ['vip'],
      }),
    );
    expect(full.status).toBe(201);
    expect(full.body).toMatchObject({
      customer_id: 'not-checked',
      title: 'Order help',
      metadata: { channel: 'web', n: 2 },
      labels: ['vip'],
    });
    const nullCustomer = await call(
      app,
      '/sessions',
      send('POST', { agent_id: agent.id, customer_id: null }),
    );
    expect(nullCustomer.body.customer_id).toBe('guest');
    expect(await store.events.list(session.id)).toEqual([]);
  });

  it('greets when allow_greeting is true, under one new trace', async () => {
    const { app } = setup();
    const agent = (await call(app, '/agents', send('POST', { name: 'Ava' }))).body;
    const created = await call(
      app,
      '/sessions?allow_greeting=yes',
      send('POST', { agent_id: agent.id }),
    );
    expect(created.status).toBe(201);
    const events = await pollUntilReply(app, created.body.id);
    const reply = events.find((e) => e.kind === 'message');
    expect(reply).toMatchObject({
      source: 'ai_agent',
      data: { message: 'Hello!', participant: { id: agent.id, display_name: 'Ava' } },
    });
    expect(new Set(events.map((e) => e.trace_id)).size).toBe(1);
    expect(events[0].trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers an unknown agent with 404 and bad input with 422, storing nothing', async () => {
    const { app, store } = setup();
    const missing = await call(app, '/sessions', send('POST', { agent_id: 'nope' }));
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe("Agent not found (id='nope')");
    const agent = (await call(app, '/agents', send('POST', { name: 'Ava' }))).body;
    const bad = [
      {},
      { agent_id: 5 },
      { agent_id: agent.id, title: 'x'.repeat(201) },
      { agent_id: agent.id, labels: 'vip' },
      { agent_id: agent.id, metadata: [] },
    ];
    for (const body of bad) {
      const response = await call(app, '/sessions', send('POST', body));
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(Array.isArray(response.body.detail)).toBe(true);
    }
    expect((await call(app, '/sessions', send('POST', '{oops'))).status).toBe(422);
    const badBool = await call(
      app,
      '/sessions?allow_greeting=maybe',
      send('POST', { agent_id: agent.id }),
    );
    expect(badBool.status).toBe(422);
    expect(badBool.body.detail[0].loc).toEqual(['query', 'allow_greeting']);
    expect(await store.sessions.list()).toEqual([]);
    expect((await call(app, '/sessions/nope')).status).toBe(404);
  });

  it('lists with filters (labels are AND) as an array or as pages', async () => {
    const { app } = setup();
    const a = (await call(app, '/agents', send('POST', { name: 'A' }))).body;
    const b = (await call(app, '/agents', send('POST', { name: 'B' }))).body;
    const make = async (body: Record<string, unknown>) => {
      const created = (await call(app, '/sessions', send('POST', body))).body;
      await pause();
      return created.id;
    };
    const s1 = await make({ agent_id: a.id, customer_id: 'c1', labels: ['x', 'y'] });
    const s2 = await make({ agent_id: a.id, customer_id: 'c2', labels: ['x'] });
    const s3 = await make({ agent_id: b.id, customer_id: 'c1' });
    const ids = async (query: string) =>
      (await call(app, `/sessions${query}`)).body.map((s: { id: string }) => s.id);
    expect(await ids('')).toEqual([s1, s2, s3]);
    expect(await ids(`?agent_id=${a.id}`)).toEqual([s1, s2]);
    expect(await ids('?customer_id=c1')).toEqual([s1, s3]);
    expect(await ids('?labels=x')).toEqual([s1, s2]);
    expect(await ids('?labels=x&labels=y')).toEqual([s1]);
    const page = await call(app, '/sessions?limit=2&sort=desc');
    expect(page.body.items.map((s: { id: string }) => s.id)).toEqual([s3, s2]);
    expect(page.body).toMatchObject({ total_count: 3, has_more: true });
    const cursor = encodeURIComponent(page.body.next_cursor);
    const next = await call(app, `/sessions?limit=2&sort=desc&cursor=${cursor}`);
    expect(next.body).toMatchObject({ total_count: 1, has_more: false, next_cursor: null });
    expect(next.body.items[0].id).toBe(s1);
    for (const query of ['?limit=0', '?limit=200', '?limit=2.5', '?sort=sideways']) {
      expect((await call(app, `/sessions${query}`)).status, query).toBe(422);
    }
  });

  it('updates every patchable field', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app, { metadata: { a: 1, b: 2 }, labels: ['x'] });
    const other = (await call(app, '/agents', send('POST', { name: 'Bo' }))).body;
    const patched = await call(
      app,
      `/sessions/${session.id}`,
      send('PATCH', {
        consumption_offsets: { client: 4 },
        title: 'Returns',
        mode: 'manual',
        customer_id: 'c9',
        agent_id: other.id,
        metadata: { set: { c: 3 }, unset: ['a'] },
        labels: { upsert: ['y'], remove: ['x'] },
      }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      consumption_offsets: { client: 4 },
      title: 'Returns',
      mode: 'manual',
      customer_id: 'c9',
      agent_id: other.id,
      metadata: { b: 2, c: 3 },
      labels: ['y'],
    });
    const bad = [
      { mode: 'robot' },
      { consumption_offsets: { client: -1 } },
      { consumption_offsets: { client: 1.5 } },
      { title: 5 },
      { labels: { upsert: 'y' } },
    ];
    for (const body of bad) {
      const response = await call(app, `/sessions/${session.id}`, send('PATCH', body));
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
    const unknownAgent = await call(
      app,
      `/sessions/${session.id}`,
      send('PATCH', { agent_id: 'nope' }),
    );
    expect(unknownAgent.status).toBe(404);
    expect((await call(app, `/sessions/${session.id}`)).body).toEqual(patched.body);
    expect((await call(app, '/sessions/nope', send('PATCH', { title: 'x' }))).status).toBe(404);
  });

  it('deletes one session with its events, or many by filter', async () => {
    const { app, store } = setup();
    const { agent, session } = await agentAndSession(app, { customer_id: 'c1' });
    await store.events.append(session.id, {
      kind: 'custom',
      source: 'system',
      traceId: '<main>',
      data: { x: 1 },
    });
    expect((await call(app, `/sessions/${session.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(app, `/sessions/${session.id}`)).status).toBe(404);
    expect((await call(app, `/sessions/${session.id}/events?wait_for_data=0`)).status).toBe(404);
    expect((await call(app, `/sessions/${session.id}`, { method: 'DELETE' })).status).toBe(404);

    const make = (body: Record<string, unknown>) =>
      call(app, '/sessions', send('POST', { agent_id: agent.id, ...body }));
    await make({ customer_id: 'c1' });
    await make({ customer_id: 'c2' });
    await make({ customer_id: 'c2' });
    expect((await call(app, '/sessions?customer_id=c2', { method: 'DELETE' })).status).toBe(204);
    expect((await call(app, '/sessions')).body).toHaveLength(1);
    expect((await call(app, '/sessions', { method: 'DELETE' })).status).toBe(204);
    expect((await call(app, '/sessions')).body).toEqual([]);
  });
});
