import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPostgresStore } from '../src/index.js';
import { measureAppends, measureWakeUps, report, reportWake } from './measure.js';
import { measureTurnCosts, reportTurnCosts } from './measure-turn-costs.js';
import { startPostgresCluster } from './start-postgres-cluster.js';
import { noCluster } from './use-cluster.js';

// Numbers, printed for the record; the assertions only catch a broken wake-up path.
describe('append throughput and wake-up latency', () => {
  it('on PGlite in a data directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conduct-measure-'));
    const store = await createPostgresStore({ dataDir: dir });
    try {
      const appends = await measureAppends(store);
      const wake = await measureWakeUps(store, store);
      const turn = await measureTurnCosts(store);
      console.log(
        `${report('PGlite (data dir)', appends)}\n${reportWake('PGlite (same store)', wake)}\n${reportTurnCosts('PGlite (data dir)', turn)}`,
      );
      expect(wake.max).toBeLessThan(200);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it.skipIf(noCluster !== undefined)(
    'on PostgreSQL 15 (fsync on)',
    async () => {
      const cluster = await startPostgresCluster({ durable: true });
      const connectionString = cluster.connectionString;
      const [a, b] = await Promise.all([
        createPostgresStore({ driver: 'pg', connectionString }),
        createPostgresStore({ driver: 'pg', connectionString }),
      ]);
      try {
        const appends = await measureAppends(a);
        const local = await measureWakeUps(a, a);
        const remote = await measureWakeUps(a, b);
        const turn = await measureTurnCosts(a);
        console.log(
          [
            report('PostgreSQL 15 (pg, pool of 10)', appends),
            reportWake('PostgreSQL (same store)', local),
            reportWake('PostgreSQL (other store, NOTIFY)', remote),
            reportTurnCosts('PostgreSQL 15 (fsync on)', turn),
          ].join('\n'),
        );
        expect(remote.max).toBeLessThan(200);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await cluster.stop();
      }
    },
    60_000,
  );
});
