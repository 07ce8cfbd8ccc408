import { createConduct, createMemoryStore } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { createConductApp, createCustomerToken } from '@conduct/http';
import { describe, expect, it } from 'vitest';
import { authPolicyFor, describeAuth, loadConfig } from '../src/index.js';

const SECRET = 't'.repeat(40);

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
    app: createConductApp({ conduct, auth: authPolicyFor(config) }),
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
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    expect((await app.request(`/agents/${agent.id}`, { headers })).status).toBe(200);
    expect((await app.request('/agents', { headers })).status).toBe(403);
    expect(
      (await app.request('/agents', { headers: { ...headers, authorization: 'Bearer k1' } }))
        .status,
    ).toBe(200);
  });
});
