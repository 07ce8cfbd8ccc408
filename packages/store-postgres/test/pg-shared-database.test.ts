import type { Event } from '@conduct/core';
import { NotFoundError } from '@conduct/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, MIGRATIONS, type PostgresStore } from '../src/index.js';
import { freshDatabase, sql } from './fresh-database.js';
import { sqlEdgeCaseTests } from './sql-edge-cases.js';
import { noCluster, useCluster } from './use-cluster.js';

const message = (text: string) =>
  ({
    kind: 'message',
    source: 'customer',
    traceId: '<main>',
    data: { message: text, participant: { id: null, display_name: 'Test' } },
  }) as const;

describe.skipIf(noCluster !== undefined)('several stores on one PostgreSQL database', () => {
  const cluster = useCluster();
  let url: string;
  let a: PostgresStore;
  let b: PostgresStore;

  beforeAll(async () => {
    url = await freshDatabase(cluster());
    // Several processes starting at once: one migrates, the others wait and find it done.
    const stores = await Promise.all(
      Array.from({ length: 6 }, () =>
        createPostgresStore({ driver: 'pg', connectionString: url, maxConnections: 4 }),
      ),
    );
    [a, b] = stores as [PostgresStore, PostgresStore];
    await Promise.all(stores.slice(2).map((store) => store.close()));
  }, 60_000);
  afterAll(() => Promise.all([a?.close(), b?.close()]));

  async function newSession(store: PostgresStore = a) {
    const agent = await store.agents.create({ name: 'Shared' });
    return store.sessions.create({ agentId: agent.id });
  }

  sqlEdgeCaseTests(() => a);

  it('applied every migration exactly once', async () => {
    const rows = await sql<{ version: number }>(
      url,
      'SELECT version FROM conduct_schema_migrations ORDER BY version',
    );
    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('stores one event when two stores append with one idempotency key at once', async () => {
    const session = await newSession();
    const key = { key: 'retry-1', fingerprint: 'same request' };
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        n % 4 === 3
          ? (n % 8 === 3 ? a : b).events
              .append(session.id, message(`plain ${n}`))
              .then((event) => ({ event, replayed: undefined }))
          : (n % 2 === 0 ? a : b).events.appendOnce(session.id, message('once'), key),
      ),
    );
    const keyed = results.filter((result) => result.replayed !== undefined);
    expect(keyed.filter((result) => result.replayed === false)).toHaveLength(1);
    expect(new Set(keyed.map((result) => result.event.id)).size).toBe(1);
    const listed = await a.events.list(session.id);
    expect(listed.map((event) => event.offset)).toEqual(Array.from({ length: 11 }, (_, n) => n));
    expect(
      listed.filter((event) => event.kind === 'message' && event.data.message === 'once'),
    ).toHaveLength(1);
  });

  it('keeps offsets gap-free when two stores append to one session at once', async () => {
    const session = await newSession();
    const appended = await Promise.all(
      Array.from({ length: 120 }, (_, n) =>
        (n % 2 === 0 ? a : b).events.append(session.id, message(`m${n}`)),
      ),
    );
    const offsets = appended.map((event) => event.offset).sort((x, y) => x - y);
    expect(offsets).toEqual(Array.from({ length: 120 }, (_, n) => n));
    const listed = await b.events.list(session.id);
    expect(listed.map((event) => event.offset)).toEqual(offsets);
  });

  it('enforces unique offsets in the schema, whoever writes', async () => {
    const session = await newSession();
    await a.events.append(session.id, message('first'));
    const duplicate = sql(
      url,
      `INSERT INTO conduct_events
        (session_id, event_offset, id, kind, source, trace_id, created_at, metadata, data)
       VALUES ($1, 0, 'other', 'custom', 'system', '<main>', $2, '{}', 'null')`,
      [session.id, new Date().toISOString()],
    );
    await expect(duplicate).rejects.toMatchObject({ code: '23505' });
  });

  it('wakes a waiter on store A within milliseconds when store B appends', async () => {
    const session = await newSession();
    const latencies: number[] = [];
    for (let n = 0; n < 20; n += 1) {
      let appendedAt = 0;
      const waiting = a.events
        .waitFor(session.id, { minOffset: n }, { timeoutMs: 5000 })
        .then((events) => ({ events, at: performance.now() }));
      await new Promise((resolve) => setTimeout(resolve, 5));
      appendedAt = performance.now();
      const event = await b.events.append(session.id, message(`wake ${n}`));
      const woken = await waiting;
      expect(woken.events).toEqual([event]);
      latencies.push(woken.at - appendedAt);
    }
    latencies.sort((x, y) => x - y);
    console.log(
      `cross-store wake-up on PostgreSQL (append on B → waitFor on A resolves): ` +
        `median ${latencies[10]?.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
    );
    expect(latencies.at(-1)).toBeLessThan(200);
  });

  it('wakes update waiters and rejects waiters of a session deleted elsewhere', async () => {
    const session = await newSession();
    const draft = await a.events.append(session.id, message(''));
    const update = a.events.waitForUpdate(session.id, draft.id, 0, { timeoutMs: 5000 });
    const next = a.events.waitFor(session.id, { minOffset: 1 }, { timeoutMs: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const updated = await b.events.update(session.id, draft.id, { metadataSet: { done: true } });
    expect(await update).toEqual(updated);
    const started = performance.now();
    await b.sessions.delete(session.id);
    await expect(next).rejects.toSatisfy((error) => NotFoundError.is(error));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('sees behavior changes made by another store', async () => {
    const before = await a.behaviorRevision();
    const guideline = await b.guidelines.create({ condition: 'shared' });
    const after = await a.behaviorRevision();
    expect(after).not.toBe(before);
    await b.guidelines.delete(guideline.id);
    expect(await a.behaviorRevision()).not.toBe(after);
  });

  it('listens again after its listening connection is killed, and wakes waiters', async () => {
    const session = await newSession();
    const killed = await sql<{ pid: number }>(
      url,
      `SELECT pg_terminate_backend(pid) AS killed, pid FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'conduct-listener'`,
    );
    expect(killed.length).toBe(2); // one listening connection per store, for every channel
    const waiting = a.events.waitFor(session.id, {}, { timeoutMs: 8000 });
    // Appended while A may still be reconnecting: the reconnect's wake-up must catch it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const event: Event = await b.events.append(session.id, message('after the outage'));
    expect(await waiting).toEqual([event]);
  });
});
