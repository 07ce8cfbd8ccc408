import { describe, expect, it } from 'vitest';
import { apiKeyAuthPolicy, createConductApp, isLoopbackOrigin } from '../src/index.js';
import { call, send, setup } from './sessions-harness.js';

const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers':
      'content-type,x-fern-language,x-fern-runtime,x-fern-runtime-version',
  },
});

const fromOrigin = (origin: string, body: unknown) => {
  const init = send('POST', body);
  return { ...init, headers: { ...(init.headers as Record<string, string>), origin } };
};

describe('CORS', () => {
  it('dev mode: reflects loopback origins (any port) and refuses the rest, storing nothing', async () => {
    const { app, store } = setup();
    for (const origin of ['http://127.0.0.1:5173', 'http://localhost:3000', 'http://[::1]:8080']) {
      const answer = await app.request('/sessions', preflight(origin));
      expect(answer.status, origin).toBeLessThan(300);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-allow-headers')).toContain('x-fern-runtime');
    }
    const evil = 'https://evil.example';
    const refused = await app.request('/sessions', preflight(evil));
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    // A "simple" cross-site POST (no preflight) is refused before it runs.
    const simple = await call(app, '/agents', fromOrigin(evil, { name: 'Mallory' }));
    expect(simple.status).toBe(403);
    expect(simple.body.detail).toContain("Origin 'https://evil.example' is not allowed");
    expect(simple.body.detail).toContain('CONDUCT_CORS_ORIGINS');
    expect(await store.agents.list()).toEqual([]);
    // Requests without an Origin (curl, SDKs) are unaffected.
    expect((await call(app, '/agents', send('POST', { name: 'Ava' }))).status).toBe(201);
    // DNS rebinding: a page whose own domain now points at 127.0.0.1 is "same-origin".
    const rebound = await app.request('http://evil.example:8800/sessions', {
      headers: { host: 'evil.example:8800' },
    });
    expect(rebound.status).toBe(403);
    expect((await rebound.json()).detail).toContain("Host 'evil.example:8800' is not a loopback");
    const reboundPost = await call(app, 'http://evil.example:8800/agents', {
      ...fromOrigin('http://evil.example:8800', { name: 'Mallory' }),
    });
    expect(reboundPost.status).toBe(403);
    expect(await store.agents.list()).toHaveLength(1);
    const local = await app.request('http://127.0.0.1:8800/agents', {
      headers: { host: '127.0.0.1:8800', origin: 'http://127.0.0.1:8800' },
    });
    expect(local.status).toBe(200);
  });

  it('lets browser clients read the headers Conduct adds (Retry-After, Idempotent-Replayed)', async () => {
    const { app } = setup();
    const answer = await app.request('/agents', { headers: { origin: 'http://localhost:3000' } });
    const exposed = (answer.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    expect(exposed.split(/\s*,\s*/)).toEqual(
      expect.arrayContaining(['retry-after', 'idempotent-replayed']),
    );
  });

  it('lets a page of the server itself through under an explicit list', async () => {
    const { conduct } = setup();
    // An open policy that is not the loopback-only dev policy (which refuses other host names).
    const open = { authorize: () => {} };
    const app = createConductApp({ conduct, auth: open, corsOrigins: ['https://shop.example'] });
    const sameOrigin = await app.request('http://conduct.test/agents', {
      headers: { origin: 'http://conduct.test', host: 'conduct.test' },
    });
    expect(sameOrigin.status).toBe(200);
    const other = await app.request('http://conduct.test/agents', {
      headers: { origin: 'http://other.test', host: 'conduct.test' },
    });
    expect(other.status).toBe(403);
  });

  it('honours an explicit list, and `*`', async () => {
    const { conduct } = setup();
    const listed = createConductApp({ conduct, corsOrigins: ['https://shop.example'] });
    const ok = await listed.request('/sessions', preflight('https://shop.example'));
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect((await listed.request('/sessions', preflight('http://127.0.0.1:5173'))).status).toBe(
      403,
    );
    const any = createConductApp({ conduct, corsOrigins: '*' });
    const wide = await any.request('/sessions', preflight('https://anywhere.example'));
    expect(wide.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("defaults to `*` under a policy with credentials (bearer tokens don't ride along cross-site)", async () => {
    const { conduct } = setup();
    const app = createConductApp({ conduct, auth: apiKeyAuthPolicy({ keys: ['k'] }) });
    const answer = await app.request('/sessions', preflight('https://shop.example'));
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('recognizes loopback origins', () => {
    expect(isLoopbackOrigin('http://127.0.0.1:41234')).toBe(true);
    expect(isLoopbackOrigin('https://app.localhost')).toBe(true);
    expect(isLoopbackOrigin('http://127.evil.example')).toBe(false);
    expect(isLoopbackOrigin('http://localhost.evil.example')).toBe(false);
    expect(isLoopbackOrigin('null')).toBe(false);
    expect(isLoopbackOrigin('file://localhost')).toBe(false);
  });
});

describe('trailing slash', () => {
  it('answers 307 to the path without it, keeping the query string and the method', async () => {
    const { app } = setup();
    const listed = await app.request('/sessions/?limit=1&sort=desc');
    expect(listed.status).toBe(307);
    expect(listed.headers.get('location')).toBe('/sessions?limit=1&sort=desc');
    const created = await app.request('/agents/', send('POST', { name: 'Ava' }));
    expect(created.status).toBe(307);
    expect(created.headers.get('location')).toBe('/agents');
    const agent = (await call(app, '/agents', send('POST', { name: 'Bo' }))).body;
    const nested = await app.request(`/agents/${agent.id}/`);
    expect(nested.headers.get('location')).toBe(`/agents/${agent.id}`);
    expect((await app.request('/agents')).status).toBe(200);
    expect((await call(app, '/nowhere')).body).toEqual({ detail: 'Not Found' });
  });
});
