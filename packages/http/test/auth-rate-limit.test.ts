import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { publicAuthPolicy, rateLimit } from '../src/index.js';
import { appWith, request } from './auth-harness.js';

describe('rate limits', () => {
  it('returns 429 with the reference body after N requests per client IP', async () => {
    const { app, store } = appWith(publicAuthPolicy({ perMinute: { READ_AGENT: 3 } }));
    const agent = await store.agents.create({ name: 'Ava' });
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': `${ip}, 10.0.0.1` } });
    for (let index = 0; index < 3; index++) {
      expect((await request(app, 'GET', `/agents/${agent.id}`, from('198.51.100.1'))).status).toBe(
        200,
      );
    }
    const limited = await request(app, 'GET', `/agents/${agent.id}`, from('198.51.100.1'));
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ detail: 'Rate limit exceeded: OPERATION=READ_AGENT' });
    // Another client has its own window; X-Real-IP counts when there is no X-Forwarded-For.
    expect((await request(app, 'GET', `/agents/${agent.id}`, from('198.51.100.2'))).status).toBe(
      200,
    );
    const realIp = { headers: { 'x-real-ip': '198.51.100.3' } };
    expect((await request(app, 'GET', `/agents/${agent.id}`, realIp)).status).toBe(200);
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
