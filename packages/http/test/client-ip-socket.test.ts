import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConductAppOptions, publicAuthPolicy } from '../src/index.js';
import { appWith } from './auth-harness.js';

const servers: ServerType[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/** A public-preset app on a real socket (127.0.0.1, a free port); READ_AGENT allows 2 a minute. */
async function listening(options: Omit<ConductAppOptions, 'conduct' | 'auth'>) {
  const { app, store } = appWith(publicAuthPolicy({ perMinute: { READ_AGENT: 2 } }), options);
  const agent = await store.agents.create({ name: 'Ava' });
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
  });
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/agents/${agent.id}`;
  return (forwardedFor: string) => fetch(url, { headers: { 'x-forwarded-for': forwardedFor } });
}

describe('client address over a real socket', () => {
  it('ignores a spoofed X-Forwarded-For without trusted proxies, and honors it from one', async () => {
    const direct = await listening({});
    expect((await direct('203.0.113.1')).status).toBe(200);
    expect((await direct('203.0.113.2')).status).toBe(200);
    // Every request came from 127.0.0.1, whatever it claimed.
    const limited = await direct('203.0.113.3');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Listed in IPv4-mapped form: the socket reports 127.0.0.1, and the two are one address.
    const proxied = await listening({ trustedProxies: ['::ffff:127.0.0.1'] });
    for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      expect((await proxied(client)).status, client).toBe(200);
    }
    expect((await proxied('203.0.113.1')).status).toBe(200);
    expect((await proxied('203.0.113.1')).status).toBe(429);
  });

  it("takes the peer from a runtime's getConnInfo when given one", async () => {
    const read = await listening({
      trustedProxies: ['127.0.0.0/8'],
      clientAddress: (c) => getConnInfo(c).remote.address,
    });
    expect((await read('10.1.1.1, 198.51.100.1')).status).toBe(200);
    expect((await read('10.2.2.2, 198.51.100.1')).status).toBe(200);
    expect((await read('10.3.3.3, 198.51.100.1')).status).toBe(429);
    expect((await read('198.51.100.2')).status).toBe(200);
  });
});
