import type { ConductStore } from '@conduct/core';
import { createConduct, createMemoryStore } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { createConductApp } from '../src/index.js';
import { MAX_JSON_DEPTH } from '../src/input-text.js';
import { agentAndSession, call, send, setup } from './sessions-harness.js';

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

describe('text no store can keep', () => {
  it('is a 422 naming the field, wherever it is: body values and keys, path ids, query values', async () => {
    const { app, store } = setup();
    const agent = (await call(app, '/agents', send('POST', { name: 'Ava' }))).body;
    const nul = await call(app, '/agents', send('POST', { name: 'A\u0000va' }));
    expect(nul.status).toBe(422);
    expect(nul.body.detail).toEqual([
      expect.objectContaining({ type: 'string_nul', loc: ['body', 'name'], input: 'A\u0000va' }),
    ]);
    const key = await call(
      app,
      '/customers',
      send('POST', { name: 'Al', metadata: { '\ud800': 1 } }),
    );
    expect(key.status).toBe(422);
    expect(key.body.detail[0]).toMatchObject({
      type: 'string_unicode',
      loc: ['body', 'metadata', '\ud800'],
    });
    const path = await call(app, `/agents/${agent.id}%00`);
    expect(path.status).toBe(422);
    expect(path.body.detail[0]).toMatchObject({ type: 'string_nul', loc: ['path', 'agent_id'] });
    const query = await call(app, '/guidelines?tag_id=a%00');
    expect(query.status).toBe(422);
    expect(query.body.detail[0]).toMatchObject({ loc: ['query', 'tag_id'] });
    expect((await store.customers.page()).items.map((customer) => customer.name)).toEqual([
      'Guest',
    ]);
  });

  it('never lets two different invalid ids address one entity (no U+FFFD stand-ins)', async () => {
    const { app, store } = setup();
    for (const id of ['\ud800', '\ud801', 'a\udc00']) {
      const created = await call(app, '/agents', send('POST', { name: 'Ava', id }));
      expect(created.status, JSON.stringify(id)).toBe(422);
      expect(created.body.detail[0]).toMatchObject({ type: 'string_unicode', loc: ['body', 'id'] });
    }
    expect(await store.agents.list()).toEqual([]);
    // A surrogate, an overlong encoding, a stray byte: not UTF-8, so not an id (not "�").
    for (const raw of ['%ED%A0%80', '%ED%A0%81', '%C0%80', '%FF', 'a%E2%82']) {
      const read = await call(app, `/agents/${raw}`);
      expect(read.status, raw).toBe(422);
      expect(read.body.detail[0]).toMatchObject({
        type: 'string_unicode',
        loc: ['path', 'agent_id'],
        input: raw,
      });
    }
    const bytes = new TextEncoder().encode('{"name":"Ava","id":"a"}');
    const invalidBody = new Uint8Array([
      ...bytes.slice(0, 20),
      0xed,
      0xa0,
      0x80,
      ...bytes.slice(20),
    ]);
    const raw = await call(app, '/agents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: invalidBody,
    });
    expect(raw.status).toBe(422);
    expect(raw.body.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body'] });
    // Valid text outside the ASCII range still works, in a body and percent-encoded in a path.
    const emoji = await call(app, '/agents', send('POST', { name: 'Ava', id: 'é😀' }));
    expect(emoji.status).toBe(201);
    expect((await call(app, `/agents/${encodeURIComponent('é😀')}`)).body.id).toBe('é😀');
  });

  it('refuses bodies that are not UTF-8 on routes that read the body before authorizing', async () => {
    const { app, store } = setup();
    const { agent, session } = await agentAndSession(app);
    const notUtf8 = (json: string) => {
      const bytes = new TextEncoder().encode(json);
      const at = json.indexOf('é');
      // "é" re-encoded as a lone Latin-1 byte: invalid UTF-8.
      return new Uint8Array([...bytes.slice(0, at), 0xe9, ...bytes.slice(at + 2)]);
    };
    const post = (path: string, json: string) =>
      call(app, path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: notUtf8(json),
      });
    const sessions = await post('/sessions', `{"agent_id":"${agent.id}","title":"café"}`);
    expect(sessions.status).toBe(422);
    expect(sessions.body.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body'] });
    const events = await post(
      `/sessions/${session.id}/events`,
      '{"kind":"message","source":"customer","message":"café"}',
    );
    expect(events.status).toBe(422);
    expect(events.body.detail[0]).toMatchObject({ type: 'json_invalid', loc: ['body'] });
    expect(await store.sessions.list({})).toHaveLength(1);
    expect(await store.events.list(session.id, {})).toEqual([]);
  });

  it('refuses JSON nested deeper than the limit before anything reads it recursively', async () => {
    const { app } = setup();
    const variable = (await call(app, '/context-variables', send('POST', { name: 'plan' }))).body;
    const path = `/context-variables/${variable.id}/DEFAULT`;
    // The body is level 1, so `data` holds levels 2 and up.
    const nested = (levels: number) =>
      `{"data":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    expect((await call(app, path, send('PUT', nested(MAX_JSON_DEPTH)))).status).toBe(200);
    const tooDeep = await call(app, path, send('PUT', nested(MAX_JSON_DEPTH + 1)));
    expect(tooDeep.status).toBe(422);
    expect(tooDeep.body.detail).toEqual([
      expect.objectContaining({
        type: 'value_error',
        loc: ['body', 'data', ...Array.from({ length: MAX_JSON_DEPTH - 1 }, () => 0)],
      }),
    ]);
    for (const body of [nested(10_000), `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`]) {
      const huge = await call(app, path, send('PUT', body));
      expect(huge.status).toBe(422);
      expect(huge.body.detail[0].type).toBe('value_error');
    }
  });
});

describe('empty query filters', () => {
  it('are a 422 naming the parameter, never "no filter" (a delete of everything)', async () => {
    const { app, store } = setup();
    const tag = (await call(app, '/tags', send('POST', { name: 'vip' }))).body;
    await call(app, '/context-variables', send('POST', { name: 'plan', tags: [tag.id] }));
    await call(app, '/context-variables', send('POST', { name: 'tier' }));
    for (const path of ['/context-variables?tag_id=', '/context-variables?tag_id']) {
      const removed = await call(app, path, { method: 'DELETE' });
      expect(removed.status, path).toBe(422);
      expect(removed.body.detail[0]).toMatchObject({
        type: 'string_too_short',
        loc: ['query', 'tag_id'],
        input: '',
      });
    }
    expect(await store.variables.list()).toHaveLength(2);
    const agent = (await call(app, '/agents', send('POST', { name: 'Ava' }))).body;
    const session = (await call(app, '/sessions', send('POST', { agent_id: agent.id }))).body;
    // A list of kinds that names none is as empty as an empty value.
    const noKinds = await call(app, `/sessions/${session.id}/events?kinds=,&wait_for_data=0`);
    expect(noKinds.status).toBe(422);
    expect(noKinds.body.detail[0].loc).toEqual(['query', 'kinds']);
    for (const path of ['/sessions?agent_id=', '/sessions?customer_id=&agent_id=x']) {
      const removed = await call(app, path, { method: 'DELETE' });
      expect(removed.status, path).toBe(422);
      expect(removed.body.detail[0].loc[0]).toBe('query');
    }
    expect((await store.sessions.page()).items).toHaveLength(1);
    for (const path of [
      '/guidelines?tag_id=',
      '/relationships?guideline_id=',
      '/tags?name=',
      '/canned_responses?tags=a&tags=',
      '/sessions?labels=',
      '/customers?cursor=',
    ]) {
      const listed = await call(app, path);
      expect(listed.status, path).toBe(422);
      expect(listed.body.detail[0].type, path).toBe('string_too_short');
    }
    // A parameter the route does not take is ignored, empty or not, as before.
    expect((await call(app, '/guidelines?_=')).status).toBe(200);
  });
});

describe('errors that are not Conduct’s own', () => {
  it('answer a generic 500 and reach only the server’s log', async () => {
    const { conduct } = setup();
    const logged: unknown[] = [];
    const failure = new Error('relation "agents" does not exist');
    // The store's agents, except that listing fails the way a database would.
    const agents = new Proxy(conduct.store.agents, {
      get: (target, property, receiver) =>
        property === 'list'
          ? () => Promise.reject(failure)
          : Reflect.get(target, property, receiver),
    });
    const broken = { ...conduct, store: { ...conduct.store, agents } };
    const app = createConductApp({
      conduct: broken,
      onUnexpectedError: (error, request) => logged.push({ error, request }),
    });
    const answer = await call(app, '/agents');
    expect(answer).toMatchObject({ status: 500, body: { detail: 'Internal Server Error' } });
    expect(logged).toEqual([{ error: failure, request: { method: 'GET', path: '/agents' } }]);
    // Conduct's own errors keep their messages.
    expect((await call(app, '/agents/nope')).body.detail).toContain('nope');
  });
});
