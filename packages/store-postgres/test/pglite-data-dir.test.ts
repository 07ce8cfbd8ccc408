import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPostgresStore,
  createSqlStore,
  migrate,
  openPgliteDriver,
  type PostgresStore,
  type SqlDriver,
} from '../src/index.js';
import { sqlEdgeCaseTests } from './sql-edge-cases.js';

const message = {
  kind: 'message',
  source: 'customer',
  traceId: '<main>',
  data: { message: 'kept', participant: { id: null, display_name: 'Test' } },
} as const;

describe('PGlite in a data directory', () => {
  let dir: string;
  let driver: SqlDriver;
  let store: PostgresStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conduct-pglite-'));
    driver = await openPgliteDriver({ dataDir: dir });
    store = await createSqlStore(driver);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  sqlEdgeCaseTests(() => store);

  it('enforces unique offsets in the schema, whoever writes', async () => {
    const agent = await store.agents.create({ name: 'Schema' });
    const session = await store.sessions.create({ agentId: agent.id });
    await store.events.append(session.id, message);
    const duplicate = driver.query(
      `INSERT INTO conduct_events
        (session_id, event_offset, id, kind, source, trace_id, created_at, metadata, data)
       VALUES ($1, 0, 'other', 'custom', 'system', '<main>', $2, '{}', 'null')`,
      [session.id, new Date().toISOString()],
    );
    await expect(duplicate).rejects.toMatchObject({ code: '23505' });
  });

  it('serializes work on one session within the process', async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        store.withSessionLock('local', async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((resolve) => setTimeout(resolve, 2));
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it('keeps sessions, events and the behavior revision across restarts', async () => {
    const agent = await store.agents.create({ name: 'Durable' });
    const session = await store.sessions.create({ agentId: agent.id });
    const event = await store.events.append(session.id, message);
    const revision = await store.behaviorRevision();
    await store.close();

    const reopened = await openPgliteDriver({ dataDir: dir });
    expect(await migrate(reopened)).toEqual([]);
    await reopened.close();

    store = await createPostgresStore({ driver: 'pglite', dataDir: dir });
    expect(await store.sessions.get(session.id)).toEqual(session);
    expect(await store.events.list(session.id)).toEqual([event]);
    expect(await store.behaviorRevision()).toBe(revision);
    expect((await store.events.append(session.id, message)).offset).toBe(1);
  }, 60_000);
});
