import { AbortedError, generateId, TimeoutError } from '@conduct/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, type PostgresStore } from '../src/index.js';
import { freshDatabase, sql } from './fresh-database.js';
import { noCluster, useCluster } from './use-cluster.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sessionId = () => `lock-test-${generateId()}`;

describe.skipIf(noCluster !== undefined)('session locks across stores on one database', () => {
  const cluster = useCluster();
  let url: string;
  let a: PostgresStore;
  let b: PostgresStore;

  beforeAll(async () => {
    url = await freshDatabase(cluster());
    [a, b] = await Promise.all([
      createPostgresStore({ driver: 'pg', connectionString: url }),
      createPostgresStore({ driver: 'pg', connectionString: url }),
    ]);
  }, 60_000);
  afterAll(() => Promise.all([a?.close(), b?.close()]));

  it('lets one holder at a time work on a session, across stores and within one', async () => {
    const id = sessionId();
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        (n % 3 === 0 ? b : a).withSessionLock(id, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await pause(3);
          order.push(n);
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order.length).toBe(12);
  });

  it('does not hold other sessions back', async () => {
    const [first, second] = [sessionId(), sessionId()];
    let release!: () => void;
    const held = a.withSessionLock(first, () => new Promise<void>((r) => (release = r)));
    await pause(10);
    const started = performance.now();
    await b.withSessionLock(second, async () => {}, { timeoutMs: 1000 });
    expect(performance.now() - started).toBeLessThan(200);
    release();
    await held;
  });

  it('hands the lock to a waiting store within milliseconds of the release', async () => {
    const id = sessionId();
    const latencies: number[] = [];
    for (let n = 0; n < 10; n += 1) {
      let releasedAt = 0;
      let release!: () => void;
      const held = a.withSessionLock(id, () => new Promise<void>((r) => (release = r)));
      await pause(5);
      const waiting = b.withSessionLock(id, async () => performance.now() - releasedAt);
      await pause(10);
      releasedAt = performance.now();
      release();
      await held;
      latencies.push(await waiting);
    }
    latencies.sort((x, y) => x - y);
    console.log(
      `session lock hand-over between stores on PostgreSQL: median ${latencies[5]?.toFixed(1)} ms, ` +
        `max ${latencies.at(-1)?.toFixed(1)} ms`,
    );
    // Well under the 1 s retry: the release notification woke the waiter.
    expect(latencies.at(-1)).toBeLessThan(300);
  });

  it('gives up waiting on timeout or abort, and leaves the lock usable', async () => {
    const id = sessionId();
    let release!: () => void;
    const held = a.withSessionLock(id, () => new Promise<void>((r) => (release = r)));
    await pause(10);
    const timedOut = b.withSessionLock(id, async () => 'never', { timeoutMs: 150 });
    await expect(timedOut).rejects.toSatisfy((error) => TimeoutError.is(error));
    const controller = new AbortController();
    const aborted = a.withSessionLock(id, async () => 'never', { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(aborted).rejects.toSatisfy((error) => AbortedError.is(error));
    release();
    await held;
    expect(await b.withSessionLock(id, async () => 'mine', { timeoutMs: 1000 })).toBe('mine');
    expect(await a.withSessionLock(id, async () => 'mine too', { timeoutMs: 1000 })).toBe(
      'mine too',
    );
  });

  it('expires with its holder: a dead connection frees the session and aborts the lease', async () => {
    const id = sessionId();
    let lease: AbortSignal | undefined;
    let release!: () => void;
    const held = a.withSessionLock(id, (granted) => {
      lease = granted.signal;
      return new Promise<void>((r) => (release = r));
    });
    await pause(20);
    // What a crash looks like from the database: the holder's connection goes away.
    await sql(
      url,
      `SELECT pg_terminate_backend(l.pid) FROM pg_locks l
       WHERE l.locktype = 'advisory' AND l.granted AND l.objid = hashtext($1)::oid`,
      [id],
    );
    expect(await b.withSessionLock(id, async () => 'taken over', { timeoutMs: 3000 })).toBe(
      'taken over',
    );
    await expect.poll(() => lease?.aborted).toBe(true);
    release();
    await held;
    expect(await a.withSessionLock(id, async () => 'back', { timeoutMs: 3000 })).toBe('back');
  });
});
