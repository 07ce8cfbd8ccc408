import { describe, expect, it } from 'vitest';
import { apiKeyAuthPolicy, createConductApp, devAuthPolicy } from '../src/index.js';
import { call, send, setup } from './sessions-harness.js';

describe('422 bodies', () => {
  it('echo the offending value per issue, not the whole body per issue', async () => {
    const { app } = setup();
    const body = { name: 'Ava', tags: Array.from({ length: 2000 }, () => 1) };
    const answer = await app.request('/agents', send('POST', body));
    expect(answer.status).toBe(422);
    const text = await answer.text();
    // 2000 issues; each used to carry a copy of the 4 KB body (8 MB in all).
    expect(text.length).toBeLessThan(JSON.stringify(body).length * 100);
    const { detail } = JSON.parse(text);
    expect(detail).toHaveLength(2000);
    expect(detail[1]).toMatchObject({ loc: ['body', 'tags', 1], input: 1 });
  });

  it('keep pydantic’s shapes: the parent object for a missing field, the value for a query', async () => {
    const { app } = setup();
    const missing = await call(app, '/agents', send('POST', { description: 'd' }));
    expect(missing.body.detail).toEqual([
      {
        type: 'missing',
        loc: ['body', 'name'],
        msg: 'Field required',
        input: { description: 'd' },
      },
    ]);
    const query = await call(app, '/sessions?limit=abc');
    expect(query.status).toBe(422);
    expect(query.body.detail[0]).toMatchObject({ loc: ['query', 'limit'], input: 'abc' });
  });
});

describe('trailing-slash redirect', () => {
  it('never points off-site (`//host/` would be a protocol-relative location)', async () => {
    const { app } = setup();
    for (const path of ['//evil.example/', '///evil.example/x/', '/\\evil.example/']) {
      const answer = await app.request(path);
      expect(answer.status, path).toBe(307);
      const location = answer.headers.get('location') ?? '';
      expect(location, path).toMatch(/^\/(?!\/)/);
      expect(new URL(location, 'http://127.0.0.1:8800').host, path).toBe('127.0.0.1:8800');
    }
    expect((await app.request('/sessions//')).headers.get('location')).toBe('/sessions');
  });
});

describe('docs assets', () => {
  it('ask the source only for the listed files (not prototype names like `constructor`)', async () => {
    const { conduct } = setup();
    const asked: string[] = [];
    const app = createConductApp({
      conduct,
      docs: {
        assets: (file) => {
          asked.push(file);
          return { body: `contents of ${file}` };
        },
      },
    });
    for (const file of [
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
      '..%2Fpackage.json',
    ]) {
      expect((await app.request(`/docs/assets/${file}`)).status, file).toBe(404);
    }
    expect(asked).toEqual([]);
    const css = await app.request('/docs/assets/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(asked).toEqual(['swagger-ui.css']);
  });
});

describe('CORS guard behind a reverse proxy', () => {
  it('takes X-Forwarded-Host as the server’s own origin under an explicit list', async () => {
    const { conduct } = setup();
    const app = createConductApp({
      conduct,
      auth: apiKeyAuthPolicy({ keys: ['k'] }),
      corsOrigins: ['https://shop.example'],
    });
    // The proxy forwards to 127.0.0.1:8800 and says the browser asked for conduct.example:
    // the docs page's own "Try it out" POST is same-origin.
    const headers = {
      authorization: 'Bearer k',
      'content-type': 'application/json',
      host: '127.0.0.1:8800',
      'x-forwarded-host': 'conduct.example',
      origin: 'https://conduct.example',
    };
    const own = await app.request('http://127.0.0.1:8800/agents', {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Ava' }),
    });
    expect(own.status).toBe(201);
    const foreign = await app.request('http://127.0.0.1:8800/agents', {
      method: 'POST',
      headers: { ...headers, origin: 'https://evil.example' },
      body: JSON.stringify({ name: 'Mallory' }),
    });
    expect(foreign.status).toBe(403);
  });

  it('dev policy: answers loopback host names only, even with an explicit origin list or `*`', async () => {
    const { conduct } = setup();
    for (const corsOrigins of [['http://localhost:5173'], '*'] as const) {
      const app = createConductApp({ conduct, auth: devAuthPolicy, corsOrigins });
      // DNS rebinding: evil.example now resolves to 127.0.0.1; the page is same-origin to itself.
      const rebound = await app.request('http://evil.example:8800/agents', {
        method: 'POST',
        headers: {
          host: 'evil.example:8800',
          origin: 'http://evil.example:8800',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'Mallory' }),
      });
      expect(rebound.status, String(corsOrigins)).toBe(403);
      // A proxy publishing the open dev API to the outside world.
      const proxied = await app.request('http://127.0.0.1:8800/agents', {
        headers: { host: '127.0.0.1:8800', 'x-forwarded-host': 'public.example' },
      });
      expect(proxied.status, String(corsOrigins)).toBe(403);
      expect((await proxied.json()).detail).toContain("Host 'public.example' is not a loopback");
    }
    expect(await conduct.store.agents.list()).toEqual([]);
    const app = createConductApp({ conduct });
    for (const host of ['localhost:8800', '127.0.0.1:8800', '[::1]:8800', 'LOCALHOST']) {
      const local = await app.request('http://127.0.0.1:8800/agents', {
        headers: { host, 'x-forwarded-host': 'localhost:5173' },
      });
      expect(local.status, host).toBe(200);
    }
  });
});
