import type { ConductStore } from '@conduct/core';
import { createConduct, createMemoryStore } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { createConductApp } from '../src/index.js';
import { call, send } from './sessions-harness.js';

/** Everything the API can create, as JSON, to prove a rejected request stored nothing. */
async function snapshot(store: ConductStore, sessionId: string): Promise<string> {
  return JSON.stringify([
    await store.agents.list(),
    (await store.customers.page()).items,
    (await store.sessions.page()).items,
    await store.events.list(sessionId, { includeDeleted: true }),
    await store.tags.list(),
    await store.terms.list(),
    await store.guidelines.list(),
    await store.journeys.list(),
    await store.relationships.list(),
    await store.variables.list(),
    await store.cannedResponses.list(),
    await store.capabilities.list(),
  ]);
}

/** Every create route: a valid body (checked to work) and an enum field with a bad value. */
function createRoutes(ids: { agent: string; session: string; guideline: string }) {
  return [
    { path: '/agents', body: { name: 'Ava' }, enumField: 'composition_mode' },
    { path: '/customers', body: { name: 'Al' }, wrongType: { name: 5 } },
    { path: '/sessions', body: { agent_id: ids.agent }, wrongType: { agent_id: 5 } },
    {
      path: `/sessions/${ids.session}/events?moderation=none`,
      body: { kind: 'custom', source: 'customer_ui', data: { a: 1 } },
      enumField: 'kind',
    },
    { path: '/tags', body: { name: 'vip' }, wrongType: { name: ['vip'] } },
    { path: '/terms', body: { name: 'SKU', description: 'A code' }, wrongType: { name: 1 } },
    { path: '/guidelines', body: { condition: 'the customer asks' }, enumField: 'criticality' },
    {
      path: '/journeys',
      body: { title: 'Return', description: 'd', conditions: ['x wants a return'] },
      enumField: 'composition_mode',
    },
    {
      path: '/relationships',
      body: {
        source_guideline: ids.guideline,
        target_tag: `agent:${ids.agent}`,
        kind: 'entailment',
      },
      enumField: 'kind',
    },
    { path: '/context-variables', body: { name: 'plan' }, wrongType: { name: false } },
    { path: '/canned_responses', body: { value: 'Hi', fields: [] }, wrongType: { value: 'Hi' } },
    {
      path: '/capabilities',
      body: { title: 'Refunds', description: 'd', signals: [] },
      wrongType: { title: 'Refunds', description: 'd', signals: 'refund' },
    },
  ];
}

describe('bad input on every create route', () => {
  it('gets a 4xx with a clear message and stores nothing', async () => {
    const conduct = createConduct({
      store: createMemoryStore(),
      model: createScriptedModel().on('compose', 'Hello!'),
      strategies: [keywordStrategy()],
      onError: () => {},
    });
    const app = createConductApp({ conduct, bodyLimitBytes: 4096 });
    const { store } = conduct;
    const agent = (await call(app, '/agents', send('POST', { name: 'Base' }))).body;
    const session = (await call(app, '/sessions', send('POST', { agent_id: agent.id }))).body;
    const guideline = (await call(app, '/guidelines', send('POST', { condition: 'base' }))).body;
    const routes = createRoutes({ agent: agent.id, session: session.id, guideline: guideline.id });
    // The valid bodies really create something, so the rejections below are about the input.
    for (const route of routes) {
      const created = await call(app, route.path, send('POST', route.body));
      expect(created.status, `${route.path}: ${JSON.stringify(created.body)}`).toBe(201);
    }
    const before = await snapshot(store, session.id);
    for (const route of routes) {
      const malformed = await call(app, route.path, send('POST', '{"name": "Ava",'));
      expect(malformed.status, `malformed JSON on ${route.path}`).toBe(422);
      expect(malformed.body.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body'] });
      expect(malformed.body.detail[0].msg).toMatch(/^JSON decode error/);

      const oversized = await call(
        app,
        route.path,
        send('POST', { ...route.body, padding: 'x'.repeat(10_000) }),
      );
      expect(oversized, `oversized body on ${route.path}`).toMatchObject({
        status: 413,
        body: { detail: 'Request body too large' },
      });

      const notAnObject = await call(app, route.path, send('POST', '[1, 2]'));
      expect(notAnObject.status, `array body on ${route.path}`).toBe(422);
      expect(Array.isArray(notAnObject.body.detail)).toBe(true);

      if (route.enumField) {
        const badEnum = await call(
          app,
          route.path,
          send('POST', { ...route.body, [route.enumField]: 'no-such-value' }),
        );
        expect(badEnum.status, `unknown enum on ${route.path}`).toBe(422);
        expect(badEnum.body.detail[0].loc).toEqual(['body', route.enumField]);
        expect(badEnum.body.detail[0].msg).toContain('expected one of');
      }
      if (route.wrongType) {
        const wrong = await call(app, route.path, send('POST', route.wrongType));
        expect(wrong.status, `wrong type on ${route.path}`).toBe(422);
        expect(wrong.body.detail[0].loc[0]).toBe('body');
      }
    }
    const unknownSession = await call(
      app,
      '/sessions/nope/events',
      send('POST', { kind: 'message', source: 'customer', message: 'hi' }),
    );
    expect(unknownSession).toMatchObject({
      status: 404,
      body: { detail: expect.stringContaining('nope') },
    });
    const unknownAgent = await call(app, '/sessions', send('POST', { agent_id: 'nope' }));
    expect(unknownAgent.status).toBe(404);
    expect(await snapshot(store, session.id)).toBe(before);
  });
});
