import { describe, expect, it } from 'vitest';
import {
  apiKeyAuthPolicy,
  createCustomerToken,
  devAuthPolicy,
  publicAuthPolicy,
} from '../src/index.js';
import { appWith, customerMessage, request } from './auth-harness.js';

const KEY = 'management-key-0123456789';
const SECRET = 'token-secret-0123456789abcdef0123456789';

describe('dev policy', () => {
  it('allows every operation without credentials', async () => {
    const { app } = appWith(devAuthPolicy);
    const agent = await request(app, 'POST', '/agents', { body: { name: 'Ava' } });
    expect(agent.status).toBe(201);
    expect((await request(app, 'GET', '/customers')).status).toBe(200);
    const session = await request(app, 'POST', '/sessions', { body: { agent_id: agent.body.id } });
    expect(session.status).toBe(201);
    expect((await request(app, 'DELETE', `/sessions/${session.body.id}`)).status).toBe(204);
  });
});

describe('API key policy', () => {
  const { app } = appWith(apiKeyAuthPolicy({ keys: [KEY] }));

  it.each([
    ['POST', '/agents'],
    ['GET', '/agents'],
    ['GET', '/customers'],
    ['GET', '/sessions'],
    ['POST', '/tags'],
  ])('denies %s %s without a key or with a wrong one', async (method, path) => {
    for (const bearer of [undefined, 'wrong-key', `${KEY}x`]) {
      const response = await request(app, method, path, {
        ...(method === 'GET' ? {} : { body: { name: 'x' } }),
        ...(bearer === undefined ? {} : { bearer }),
      });
      expect(response.status).toBe(403);
      expect(response.body.detail).toMatch(/^Authorization failed: OPERATION=[A-Z_]+$/);
      expect(response.text).not.toContain('wrong-key');
    }
  });

  it('allows management with the right key', async () => {
    const agent = await request(app, 'POST', '/agents', { body: { name: 'Ava' }, bearer: KEY });
    expect(agent.status).toBe(201);
    expect((await request(app, 'GET', '/agents', { bearer: KEY })).status).toBe(200);
    const session = await request(app, 'POST', '/sessions', {
      body: { agent_id: agent.body.id, customer_id: 'anyone' },
      bearer: KEY,
    });
    expect(session.status).toBe(201);
    const read = await request(app, 'GET', `/sessions/${session.body.id}`, { bearer: KEY });
    expect(read.status).toBe(200);
  });

  it('accepts a key function', async () => {
    const custom = appWith(apiKeyAuthPolicy({ keys: (key) => key === 'fn-key' })).app;
    expect((await request(custom, 'GET', '/agents', { bearer: 'fn-key' })).status).toBe(200);
    expect((await request(custom, 'GET', '/agents', { bearer: 'other' })).status).toBe(403);
  });
});

describe('customer tokens', () => {
  const { app, store } = appWith(
    apiKeyAuthPolicy({ keys: [KEY], customerTokens: { secret: SECRET } }),
  );
  const token = (customerId: string, expiresInSeconds = 600, now?: () => number) =>
    createCustomerToken({
      secret: SECRET,
      customerId,
      expiresInSeconds,
      ...(now ? { now } : {}),
    });
  const agent = async () =>
    (await request(app, 'POST', '/agents', { body: { name: 'Ava' }, bearer: KEY })).body;

  it("creates, reads and talks in its own customer's sessions", async () => {
    const { id: agentId } = await agent();
    const alice = await token('alice');
    const filled = await request(app, 'POST', '/sessions', {
      body: { agent_id: agentId },
      bearer: alice,
    });
    expect(filled.status).toBe(201);
    expect(filled.body.customer_id).toBe('alice');
    const explicit = await request(app, 'POST', '/sessions', {
      body: { agent_id: agentId, customer_id: 'alice' },
      bearer: alice,
    });
    expect(explicit.status).toBe(201);
    const path = `/sessions/${filled.body.id}`;
    expect((await request(app, 'GET', path, { bearer: alice })).status).toBe(200);
    const posted = await request(app, 'POST', `${path}/events`, {
      body: customerMessage,
      bearer: alice,
    });
    expect(posted.status).toBe(201);
    const events = await request(app, 'GET', `${path}/events?wait_for_data=0`, { bearer: alice });
    expect(events.status).toBe(200);
    expect(events.body[0].id).toBe(posted.body.id);
    const one = await request(app, 'GET', `${path}/events/${posted.body.id}`, { bearer: alice });
    expect(one.status).toBe(200);
  });

  it("cannot touch another customer's sessions", async () => {
    const { id: agentId } = await agent();
    const bobs = await store.sessions.create({ agentId, customerId: 'bob' });
    const guests = await store.sessions.create({ agentId });
    const alice = await token('alice');
    for (const session of [bobs, guests]) {
      const path = `/sessions/${session.id}`;
      // 404, as for a session that does not exist: a token cannot probe for session ids.
      expect((await request(app, 'GET', path, { bearer: alice })).status).toBe(404);
      expect((await request(app, 'GET', `${path}/events`, { bearer: alice })).status).toBe(404);
      const posted = await request(app, 'POST', `${path}/events`, {
        body: customerMessage,
        bearer: alice,
      });
      expect(posted.status).toBe(404);
    }
    const forBob = await request(app, 'POST', '/sessions', {
      body: { agent_id: agentId, customer_id: 'bob' },
      bearer: alice,
    });
    expect(forBob.status).toBe(403);
    expect(await store.events.list(bobs.id)).toEqual([]);
    expect((await store.sessions.list({ customerId: 'bob' })).length).toBe(1);
  });

  it('cannot use management routes, even on its own sessions', async () => {
    const { id: agentId } = await agent();
    const alice = await token('alice');
    const own = await store.sessions.create({ agentId, customerId: 'alice' });
    const denied: [string, string, unknown?][] = [
      ['POST', '/agents', { name: 'x' }],
      ['GET', '/agents'],
      ['GET', '/sessions'],
      ['GET', '/customers/alice'],
      ['PATCH', `/sessions/${own.id}`, { title: 'x' }],
      ['DELETE', `/sessions/${own.id}`],
      ['DELETE', `/sessions/${own.id}/events?min_offset=0`],
      [
        'POST',
        `/sessions/${own.id}/events`,
        {
          kind: 'message',
          source: 'human_agent',
          message: 'x',
          participant: { display_name: 'H' },
        },
      ],
      ['GET', `/sessions/${own.id}/traces/t`],
    ];
    for (const [method, path, body] of denied) {
      const response = await request(app, method, path, { body, bearer: alice });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.text).not.toContain(alice);
    }
  });

  it('rejects expired and tampered tokens', async () => {
    const { id: agentId } = await agent();
    const own = await store.sessions.create({ agentId, customerId: 'alice' });
    const expired = await token('alice', 60, () => Date.now() - 3_600_000);
    const valid = await token('alice');
    const [prefix, payload, signature] = valid.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'bob', exp: 9_999_999_999 })).toString(
      'base64url',
    );
    const wrongSecret = await createCustomerToken({
      secret: 'another-secret-0123456789abcdef',
      customerId: 'alice',
      expiresInSeconds: 600,
    });
    const flipped = `${signature?.[0] === 'A' ? 'B' : 'A'}${signature?.slice(1)}`;
    for (const bad of [
      expired,
      `${prefix}.${forged}.${signature}`,
      `${prefix}.${payload}.${flipped}`,
      wrongSecret,
      'ct1.garbage.!!',
    ]) {
      const response = await request(app, 'GET', `/sessions/${own.id}`, { bearer: bad });
      expect(response.status).toBe(403);
      expect(response.text).not.toContain(bad);
    }
  });

  it('is refused by a policy that has no token secret', async () => {
    const keysOnly = appWith(apiKeyAuthPolicy({ keys: [KEY] }));
    const agent = await keysOnly.store.agents.create({ name: 'Ava' });
    const own = await keysOnly.store.sessions.create({ agentId: agent.id, customerId: 'alice' });
    const response = await request(keysOnly.app, 'GET', `/sessions/${own.id}`, {
      bearer: await token('alice'),
    });
    expect(response.status).toBe(403);
  });
});

describe('public preset', () => {
  const peer = '203.0.113.7';

  it("allows the reference's five operations and nothing else", async () => {
    const { app, store } = appWith(publicAuthPolicy());
    const agent = await store.agents.create({ name: 'Ava' });
    expect((await request(app, 'GET', `/agents/${agent.id}`, { peer })).status).toBe(200);
    const session = await request(app, 'POST', '/sessions', {
      body: { agent_id: agent.id },
      peer,
    });
    expect(session.status).toBe(201);
    const path = `/sessions/${session.body.id}`;
    expect((await request(app, 'GET', path, { peer })).status).toBe(200);
    const posted = await request(app, 'POST', `${path}/events`, {
      body: customerMessage,
      peer,
    });
    expect(posted.status).toBe(201);
    const events = await request(app, 'GET', `${path}/events?wait_for_data=0`, { peer });
    expect(events.status).toBe(200);

    const denied: [string, string, unknown?][] = [
      ['POST', '/agents', { name: 'x' }],
      ['GET', '/agents'],
      ['POST', '/sessions', { agent_id: agent.id, customer_id: 'alice' }],
      ['GET', `${path}/events/${posted.body.id}`],
      ['PATCH', path, { title: 'x' }],
      [
        'POST',
        `${path}/events`,
        { kind: 'message', source: 'human_agent_on_behalf_of_ai_agent', message: 'x' },
      ],
    ];
    for (const [method, route, body] of denied) {
      const response = await request(app, method, route, { body, peer });
      expect(response.status, `${method} ${route}`).toBe(403);
      expect(response.body).toEqual({
        detail: expect.stringMatching(/^Authorization failed: OPERATION=[A-Z_]+$/),
      });
    }
  });

  it('denies requests without a client IP, and allows management with a key', async () => {
    const { app, store } = appWith(publicAuthPolicy({ keys: [KEY] }));
    const agent = await store.agents.create({ name: 'Ava' });
    expect((await request(app, 'GET', `/agents/${agent.id}`)).status).toBe(403);
    expect((await request(app, 'GET', '/agents', { bearer: KEY })).status).toBe(200);
    expect((await request(app, 'GET', '/agents', { bearer: 'nope', peer })).status).toBe(403);
  });
});
