import { createConduct, createMemoryStore, createModelRouter } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { createConductApp, createCustomerToken } from '@conduct/http';
import { describe, expect, it } from 'vitest';
import { appOptionsFor, describeAuth, loadConfig } from '../src/index.js';

const SECRET = 't'.repeat(40);

/** The bindings `@hono/node-server` gives a request from `peer` (`app.request` has no socket). */
function socketEnv(peer: string) {
  return { incoming: { socket: { remoteAddress: peer } } };
}

function appFor(env: Record<string, string>) {
  const config = loadConfig(env, { cwd: '/srv/app' });
  const conduct = createConduct({
    store: createMemoryStore(),
    model: createScriptedModel(),
    strategies: [keywordStrategy()],
    onError: () => {},
  });
  return {
    config,
    store: conduct.store,
    app: createConductApp({
      conduct,
      ...appOptionsFor(config, {
        provider: 'none',
        model: createModelRouter({ default: createScriptedModel() }),
      }),
    }),
  };
}

describe('CONDUCT_AUTH policies', () => {
  it('dev allows everything', async () => {
    const { app } = appFor({});
    expect((await app.request('/agents')).status).toBe(200);
  });

  it('api-key needs a key for management and accepts customer tokens', async () => {
    const { app, store, config } = appFor({
      CONDUCT_AUTH: 'api-key',
      CONDUCT_API_KEYS: 'k1,k2',
      CONDUCT_TOKEN_SECRET: SECRET,
    });
    expect((await app.request('/agents')).status).toBe(403);
    expect((await app.request('/agents', { headers: { authorization: 'Bearer k2' } })).status).toBe(
      200,
    );
    const agent = await store.agents.create({ name: 'Ava' });
    const own = await store.sessions.create({ agentId: agent.id, customerId: 'alice' });
    const token = await createCustomerToken({
      secret: SECRET,
      customerId: 'alice',
      expiresInSeconds: 60,
    });
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.request(`/sessions/${own.id}`, { headers })).status).toBe(200);
    expect((await app.request('/agents', { headers })).status).toBe(403);
    expect(describeAuth(config)).toBe(
      'auth: api-key (2 API keys for management, customer tokens on)',
    );
    expect(describeAuth(config)).not.toContain('k1');
  });

  it('public allows the widget operations only, plus management with a key', async () => {
    const { app, store } = appFor({ CONDUCT_AUTH: 'public', CONDUCT_API_KEYS: 'k1' });
    const agent = await store.agents.create({ name: 'Ava' });
    const client = socketEnv('203.0.113.9');
    expect((await app.request(`/agents/${agent.id}`, {}, client)).status).toBe(200);
    expect((await app.request('/agents', {}, client)).status).toBe(403);
    const headers = { authorization: 'Bearer k1' };
    expect((await app.request('/agents', { headers }, client)).status).toBe(200);
  });

  it('CONDUCT_TRUSTED_PROXIES decides whose X-Forwarded-For names the client', async () => {
    const limited = async (env: Record<string, string>, peer: string) => {
      const { app, store } = appFor({ CONDUCT_AUTH: 'public', ...env });
      const agent = await store.agents.create({ name: 'Ava' });
      const statuses = new Set<number>();
      // The public preset allows 30 READ_AGENT a minute per client: 31 clients claimed.
      for (let index = 0; index <= 30; index++) {
        const headers = { 'x-forwarded-for': `198.51.100.${index}` };
        statuses.add(
          (await app.request(`/agents/${agent.id}`, { headers }, socketEnv(peer))).status,
        );
      }
      return [...statuses];
    };
    // Unset: the peer is the client, so the claims are one client over its limit.
    expect(await limited({}, '10.0.0.2')).toEqual([200, 429]);
    const describe = (env: Record<string, string>) =>
      describeAuth(loadConfig({ CONDUCT_AUTH: 'public', ...env }, { cwd: '/srv/app' }));
    expect(describe({})).toContain('client IP = socket peer, forwarding headers ignored');
    expect(describe({ CONDUCT_TRUSTED_PROXIES: '10.0.0.0/8,::1' })).toContain(
      'client IP from X-Forwarded-For of trusted proxies (2 entries)',
    );
    expect(await limited({ CONDUCT_TRUSTED_PROXIES: '10.0.0.0/8, ::1' }, '192.168.0.9')).toEqual([
      200, 429,
    ]);
    // From a listed proxy, each forwarded address is a client of its own.
    expect(await limited({ CONDUCT_TRUSTED_PROXIES: '10.0.0.0/8, ::1' }, '10.0.0.2')).toEqual([
      200,
    ]);
    expect(
      await limited({ CONDUCT_TRUSTED_PROXIES: '::ffff:10.0.0.2' }, '::ffff:10.0.0.2'),
    ).toEqual([200]);
  });
});
