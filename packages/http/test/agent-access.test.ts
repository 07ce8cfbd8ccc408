import { type AgentAccess, createConduct, createMemoryStore } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { createConductApp } from '../src/index.js';
import { caller } from './behavior-harness.js';

/** An app where agent `orphan` is out of service in `mode`; its session existed before. */
async function withOrphan(mode: AgentAccess['mode']) {
  const store = createMemoryStore();
  await store.agents.create({ id: 'orphan', name: 'Orphan' });
  const session = await store.sessions.create({ agentId: 'orphan' });
  const access = (agentId: string): AgentAccess | undefined =>
    agentId === 'orphan' ? { mode, reason: 'its agent module is not loaded' } : undefined;
  const conduct = createConduct({
    store,
    model: createScriptedModel().on('compose', 'Hello!'),
    strategies: [keywordStrategy()],
    agentAccess: access,
  });
  const app = createConductApp({ conduct: { ...conduct, agentAccess: access } });
  return { call: caller(app), session, store };
}

describe('an agent out of service over HTTP', () => {
  it('read-only: its sessions are readable, but new sessions and customer messages get 409', async () => {
    const { call, session, store } = await withOrphan('read-only');
    expect((await call('GET', `/sessions/${session.id}`)).status).toBe(200);
    expect((await call('GET', `/sessions/${session.id}/events?wait_for_data=0`)).status).toBe(200);
    const created = await call('POST', '/sessions', { agent_id: 'orphan' });
    expect(created.status).toBe(409);
    const posted = await call('POST', `/sessions/${session.id}/events`, {
      kind: 'message',
      source: 'customer',
      message: 'hello?',
    });
    expect(posted).toMatchObject({
      status: 409,
      body: {
        detail:
          "Agent 'orphan' is read-only: its agent module is not loaded. Its sessions can be read, but it answers no new messages",
      },
    });
    expect(await store.events.list(session.id)).toEqual([]);
  });

  it('disabled: its sessions are not served either', async () => {
    const { call, session } = await withOrphan('disabled');
    const read = await call('GET', `/sessions/${session.id}`);
    expect(read).toMatchObject({
      status: 409,
      body: { detail: expect.stringContaining("Agent 'orphan' is disabled") },
    });
    expect((await call('GET', '/agents/orphan')).status).toBe(200);
  });
});
