import { describe, expect, it } from 'vitest';
import { createConductApp } from '../src/index.js';
import { call, send, setup } from './sessions-harness.js';

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
type Json = any;

describe('wrong method on a known path', () => {
  it('answers 405 {"detail":"Method Not Allowed"} with an Allow header listing the path’s methods', async () => {
    const { app } = setup();
    const agent = (await call(app, '/agents', send('POST', { name: 'Ava' }))).body;
    const cases: [string, string, string][] = [
      ['PUT', '/agents', 'GET, HEAD, POST'],
      ['DELETE', '/agents', 'GET, HEAD, POST'],
      ['POST', `/agents/${agent.id}`, 'GET, HEAD, PATCH, DELETE'],
      ['PATCH', '/sessions', 'GET, HEAD, POST, DELETE'],
      ['PUT', '/sessions/some-id/events', 'GET, HEAD, POST, DELETE'],
      ['POST', '/healthz', 'GET, HEAD'],
    ];
    for (const [method, path, allow] of cases) {
      const answer = await call(app, path, send(method, { name: 'x' }));
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.body).toEqual({ detail: 'Method Not Allowed' });
      expect(answer.headers.get('allow'), `${method} ${path}`).toBe(allow);
    }
    // Nothing ran: the agent is untouched and no agent was created by the body above.
    expect((await call(app, '/agents')).body).toHaveLength(1);
  });

  it('keeps 404 for unknown paths, 307 for a trailing slash, and CORS preflights', async () => {
    const { app } = setup();
    expect(await call(app, '/nowhere', send('PUT', {}))).toMatchObject({
      status: 404,
      body: { detail: 'Not Found' },
    });
    expect((await call(app, '/agents/x/nothing', { method: 'DELETE' })).status).toBe(404);
    // As Starlette: the redirect is checked before the method (the 405 comes after following it).
    const slash = await app.request('/agents/', { method: 'PUT' });
    expect(slash.status).toBe(307);
    expect(slash.headers.get('location')).toBe('/agents');
    const preflight = await app.request('/agents', {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
  });
});

describe('GET /', () => {
  it('redirects (307) to the docs page when docs are on, else answers 404', async () => {
    const { app, conduct } = setup();
    const root = await app.request('/');
    expect(root.status).toBe(307);
    expect(root.headers.get('location')).toBe('/docs');
    expect((await app.request(root.headers.get('location') as string)).status).toBe(200);
    const bare = createConductApp({ conduct, docs: false });
    expect(await call(bare, '/')).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
  });
});

describe('OpenAPI query parameter defaults', () => {
  it('carries zod defaults (also of integer and boolean query values) into the parameters', async () => {
    const document: Json = await (await setup().app.request('/openapi.json')).json();
    const parameter = (path: string, method: string, name: string) =>
      document.paths[path][method].parameters.find((entry: Json) => entry.name === name);
    const events = '/sessions/{session_id}/events';
    expect(parameter(events, 'get', 'wait_for_data').schema).toMatchObject({
      type: 'integer',
      default: 60,
    });
    expect(parameter(events, 'get', 'sse').schema.default).toBe(false);
    expect(parameter(events, 'post', 'moderation').schema.default).toBe('none');
    expect(parameter('/sessions', 'post', 'allow_greeting').schema.default).toBe(false);
    expect(parameter('/sessions', 'get', 'sort').schema.default).toBe('asc');
    const read = '/sessions/{session_id}/events/{event_id}';
    expect(parameter(read, 'get', 'wait_for_completion').schema.default).toBe(false);
    expect(parameter(read, 'get', 'wait_for_data').schema.default).toBe(60);
    const variable = '/context-variables/{variable_id}';
    expect(parameter(variable, 'get', 'include_values').schema.default).toBe(true);
    // A parameter without a default says so by having none; with a default it is optional.
    expect(parameter('/sessions', 'get', 'limit').schema.default).toBeUndefined();
    expect(parameter(events, 'get', 'wait_for_data').required).toBe(false);
  });
});

describe('common client mistakes, as the reference (FastAPI) answers them', () => {
  it('reads a JSON body sent without Content-Type, and ignores unknown query parameters', async () => {
    const { app } = setup();
    // A string body would get `text/plain` from fetch; bytes go without any Content-Type.
    const body = new TextEncoder().encode(JSON.stringify({ name: 'Ava' }));
    const created = await call(app, '/agents?unknown=1', { method: 'POST', body });
    expect(created.headers.get('content-type')).toContain('application/json');
    expect(created.status).toBe(201);
    expect((await call(app, '/sessions?bogus=x&limit=1')).body.items).toEqual([]);
  });

  it('refuses a non-JSON Content-Type with a 422 at `body`, storing nothing', async () => {
    const { app, store } = setup();
    const answer = await call(app, '/agents', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ name: 'Ava' }),
    });
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toHaveLength(1);
    expect(answer.body.detail[0]).toMatchObject({ type: 'model_attributes_type', loc: ['body'] });
    expect(answer.body.detail[0].msg).toContain("'text/plain'");
    expect(await store.agents.list()).toEqual([]);
    const vendor = await call(app, '/agents', {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.api+json; charset=utf-8' },
      body: JSON.stringify({ name: 'Ava' }),
    });
    expect(vendor.status).toBe(201);
  });

  it('answers an empty body with one 422 "Field required" at `body`', async () => {
    const { app } = setup();
    const agent = (await call(app, '/agents', send('POST', { name: 'Ava' }))).body;
    for (const [method, path] of [
      ['POST', '/agents'],
      ['PATCH', `/agents/${agent.id}`],
    ] as const) {
      const answer = await call(app, path, {
        method,
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status, `${method} ${path}`).toBe(422);
      expect(answer.body.detail).toEqual([
        { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
      ]);
    }
  });
});
