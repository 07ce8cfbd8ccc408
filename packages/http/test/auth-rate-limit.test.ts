import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { type HttpError, publicAuthPolicy, rateLimit } from '../src/index.js';
import { appWith, request, socketEnv } from './auth-harness.js';

describe('rate limits', () => {
  it('returns 429 with the reference body after N requests per client IP', async () => {
    const { app, store } = appWith(publicAuthPolicy({ perMinute: { READ_AGENT: 3 } }));
    const agent = await store.agents.create({ name: 'Ava' });
    const from = (peer: string) => ({ peer });
    for (let index = 0; index < 3; index++) {
      expect((await request(app, 'GET', `/agents/${agent.id}`, from('198.51.100.1'))).status).toBe(
        200,
      );
    }
    const limited = await request(app, 'GET', `/agents/${agent.id}`, from('198.51.100.1'));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ detail: 'Rate limit exceeded: OPERATION=READ_AGENT' });
    // Another client has its own window.
    expect((await request(app, 'GET', `/agents/${agent.id}`, from('198.51.100.2'))).status).toBe(
      200,
    );
  });

  it('ignores X-Forwarded-For and X-Real-IP from a client that is not a trusted proxy', async () => {
    const { app, store } = appWith(publicAuthPolicy({ perMinute: { CREATE_GUEST_SESSION: 10 } }));
    const agent = await store.agents.create({ name: 'Ava' });
    const attacker = '198.51.100.66';
    const statuses: number[] = [];
    for (let index = 0; index < 12; index++) {
      const spoofed = { 'x-forwarded-for': `203.0.113.${index}`, 'x-real-ip': `192.0.2.${index}` };
      const response = await request(app, 'POST', '/sessions', {
        body: { agent_id: agent.id },
        headers: spoofed,
        peer: attacker,
      });
      statuses.push(response.status);
    }
    // A new header per request no longer buys a new quota: 10 sessions, then 429.
    expect(statuses).toEqual([...Array(10).fill(201), 429, 429]);
    // Nor can the attacker spend a victim's quota by sending the victim's address.
    const victim = '203.0.113.5';
    const response = await request(app, 'POST', '/sessions', {
      body: { agent_id: agent.id },
      peer: victim,
    });
    expect(response.status).toBe(201);
  });

  it('honors X-Forwarded-For (right-most untrusted hop) and X-Real-IP from a trusted proxy', async () => {
    const { app, store } = appWith(publicAuthPolicy({ perMinute: { READ_AGENT: 2 } }), {
      trustedProxies: ['10.0.0.0/8'],
    });
    const agent = await store.agents.create({ name: 'Ava' });
    const read = (headers: Record<string, string>, peer = '10.0.0.2') =>
      request(app, 'GET', `/agents/${agent.id}`, { headers, peer });
    // The client forges the left-most entry; the proxy appended the address it saw.
    for (let index = 0; index < 2; index++) {
      expect((await read({ 'x-forwarded-for': `1.1.1.${index}, 198.51.100.1` })).status).toBe(200);
    }
    expect((await read({ 'x-forwarded-for': '9.9.9.9, 198.51.100.1' })).status).toBe(429);
    // Other clients behind the same proxy have their own windows.
    expect((await read({ 'x-forwarded-for': '198.51.100.2, 10.3.3.3' })).status).toBe(200);
    expect((await read({ 'x-real-ip': '198.51.100.3' })).status).toBe(200);
    // The proxy itself, with no forwarded address, is one client.
    expect((await read({})).status).toBe(200);
  });

  it('sends Retry-After: the seconds until the oldest counted request leaves the window', async () => {
    let now = 1_000_000;
    const { app, store } = appWith(
      publicAuthPolicy({ perMinute: { READ_AGENT: 2 }, now: () => now }),
    );
    const agent = await store.agents.create({ name: 'Ava' });
    const read = () => app.request(`/agents/${agent.id}`, {}, socketEnv('198.51.100.1'));
    expect((await read()).status).toBe(200);
    now += 30_000;
    expect((await read()).status).toBe(200);
    now += 15_500;
    const limited = await read();
    expect(limited.status).toBe(429);
    // The first request (45.5 s ago) frees a slot in 14.5 s: rounded up to whole seconds.
    expect(limited.headers.get('retry-after')).toBe('15');
    now += 14_499;
    expect((await read()).headers.get('retry-after')).toBe('1');
    now += 1;
    expect((await read()).status).toBe(200);
    // Every 429 has one, whatever the operation.
    const other = await app.request('/agents', {}, socketEnv('198.51.100.1'));
    expect(other.status).toBe(403);
    expect(other.headers.get('retry-after')).toBeNull();
  });

  it('moves the window: requests count for one minute', async () => {
    let now = 0;
    const limiter = rateLimit({
      perMinute: { READ_AGENT: 2 },
      defaultPerMinute: 1,
      key: () => 'client',
      now: () => now,
    });
    const c = {} as Context;
    await limiter.check(c, 'READ_AGENT');
    now = 30_000;
    await limiter.check(c, 'READ_AGENT');
    expect(() => limiter.check(c, 'READ_AGENT')).toThrow(
      'Rate limit exceeded: OPERATION=READ_AGENT',
    );
    now = 60_001;
    await limiter.check(c, 'READ_AGENT');
    expect(() => limiter.check(c, 'READ_AGENT')).toThrow();
    // Other operations share one bucket.
    await limiter.check(c, 'LIST_TAGS');
    expect(() => limiter.check(c, 'READ_TAG')).toThrow('OPERATION=READ_TAG');
  });

  it('answers Retry-After from the window when the store cannot tell (at least 1 s)', async () => {
    const refuse = (retryAfterMs?: number) =>
      rateLimit({
        perMinute: {},
        defaultPerMinute: 1,
        key: () => 'ip',
        store: {
          hit: () => (retryAfterMs === undefined ? false : { allowed: false, retryAfterMs }),
        },
      });
    const retryAfterOf = async (limiter: ReturnType<typeof rateLimit>) => {
      try {
        await limiter.check({} as Context, 'READ_AGENT');
      } catch (error) {
        return (error as HttpError).headers['Retry-After'];
      }
      return 'allowed';
    };
    expect(await retryAfterOf(refuse())).toBe('60');
    expect(await retryAfterOf(refuse(0))).toBe('1');
    expect(await retryAfterOf(refuse(1))).toBe('1');
    expect(await retryAfterOf(refuse(2_001))).toBe('3');
  });

  it('denies a request it cannot attribute', () => {
    const limiter = rateLimit({ perMinute: {}, defaultPerMinute: 5, key: () => undefined });
    expect(() => limiter.check({} as Context, 'READ_AGENT')).toThrow(
      'Authorization failed: OPERATION=READ_AGENT',
    );
  });
});

describe('rate limit stores', () => {
  it('counts across instances when they share a store (async stores are awaited)', async () => {
    const { memoryRateLimitStore } = await import('../src/index.js');
    const shared = memoryRateLimitStore();
    const asyncStore = {
      hit: async (bucket: string, limit: number, windowMs: number, now: number) =>
        shared.hit(bucket, limit, windowMs, now),
    };
    const instance = () =>
      rateLimit({
        perMinute: { READ_AGENT: 2 },
        defaultPerMinute: 9,
        key: () => 'ip',
        store: asyncStore,
      });
    const [one, two] = [instance(), instance()];
    const c = {} as Context;
    await one.check(c, 'READ_AGENT');
    await two.check(c, 'READ_AGENT');
    await expect(one.check(c, 'READ_AGENT')).rejects.toThrow('Rate limit exceeded');
    // Without a shared store each instance counts alone.
    const alone = rateLimit({ perMinute: { READ_AGENT: 2 }, defaultPerMinute: 9, key: () => 'ip' });
    await alone.check(c, 'READ_AGENT');
    await alone.check(c, 'READ_AGENT');
    expect(() => alone.check(c, 'READ_AGENT')).toThrow('Rate limit exceeded');
  });
});
