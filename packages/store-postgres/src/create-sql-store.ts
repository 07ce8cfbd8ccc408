import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type ConductStore,
  NestedTransactionError,
  type StoreTransaction,
  type ToolServiceRegistrations,
} from '@conduct/core';
import {
  type SessionLease,
  type SessionLockOptions,
  SessionLocks,
} from './coordination/session-locks.js';
import type { SqlDriver, SqlExecutor } from './driver/sql-driver.js';
import { migrate } from './schema/migrate.js';
import { createBehaviorStores } from './stores/behavior-stores.js';
import { EventFeed, type FeedWriter } from './stores/event-feed.js';
import { SqlCustomerStore } from './stores/sql-customer-store.js';
import { SqlEmbeddingStore } from './stores/sql-embedding-store.js';
import { SqlEventStore } from './stores/sql-event-store.js';
import { SqlFeedbackStore } from './stores/sql-feedback-store.js';
import { SqlSessionStore } from './stores/sql-session-store.js';
import { SqlToolServiceRegistrations } from './stores/sql-tool-service-registrations.js';
import { SqlTurnRecordStore } from './stores/sql-turn-record-store.js';
import { SqlVariableStore } from './stores/sql-variable-store.js';

/** A {@link ConductStore} on PostgreSQL, with what several processes need to share it. */
export interface PostgresStore extends ConductStore {
  /** Tool services registered over the API, connected again at start (`/services`). */
  readonly toolServices: ToolServiceRegistrations;
  /** `pglite` (embedded, one process) or `pg` (a server several processes may share). */
  readonly driver: SqlDriver['kind'];
  /**
   * Runs `work` while no other caller — in this process or any other on the database — holds
   * the session. The same as `sessionLocks.withSessionLock`: a PostgreSQL advisory lock held on
   * a dedicated connection, so it is released when its process dies.
   */
  withSessionLock<T>(
    sessionId: string,
    work: (lease: SessionLease) => Promise<T>,
    options?: SessionLockOptions,
  ): Promise<T>;
}

/** Every port bound to one executor: the pool, or one transaction's connection. */
function portsOn(db: SqlExecutor, feed: FeedWriter): StoreTransaction {
  return {
    ...createBehaviorStores(db),
    customers: new SqlCustomerStore(db),
    sessions: new SqlSessionStore(db, feed),
    events: new SqlEventStore(db, feed),
    variables: new SqlVariableStore(db),
    turns: new SqlTurnRecordStore(db),
    feedback: new SqlFeedbackStore(db),
    embeddings: new SqlEmbeddingStore(db),
    async behaviorRevision() {
      const rows = await db.query<{ revision: string }>(
        'SELECT revision::text AS revision FROM conduct_behavior_revision',
      );
      return rows[0]?.revision ?? '0';
    },
  };
}

/**
 * Builds a {@link PostgresStore} on any {@link SqlDriver}: applies pending migrations, starts
 * listening for other stores' changes, and wires every port. The store owns the driver:
 * `close()` closes it (and so does a failed start).
 */
export async function createSqlStore(driver: SqlDriver): Promise<PostgresStore> {
  const feed = new EventFeed();
  const locks = new SessionLocks(driver);
  const stop = async () => {
    await Promise.allSettled([feed.stop(), locks.close()]);
    await driver.close();
  };
  try {
    await migrate(driver);
    await feed.start(driver);
    await locks.start();
  } catch (error) {
    await stop().catch(() => {});
    throw error;
  }
  let closing: Promise<void> | undefined;
  // Which transaction's work a call comes from: a nested one would wait for a connection the
  // outer one holds (PGlite) or commit on its own (pg), so it is refused, as in every store.
  const scope = new AsyncLocalStorage<{ open: boolean }>();
  const withSessionLock: PostgresStore['withSessionLock'] = (sessionId, work, options) =>
    locks.withSessionLock(sessionId, work, options);
  return {
    driver: driver.kind,
    ...portsOn(driver, feed),
    toolServices: new SqlToolServiceRegistrations(driver),
    sessionLocks: { withSessionLock },
    withSessionLock,
    async transaction(work) {
      if (scope.getStore()?.open === true) throw new NestedTransactionError();
      // Other processes are notified by PostgreSQL at commit; this store's waiters right after.
      const writer = feed.deferred();
      const open = { open: true };
      try {
        const result = await scope.run(open, () =>
          driver.transaction((tx) => work(portsOn(tx, writer))),
        );
        writer.flush();
        return result;
      } finally {
        open.open = false;
      }
    },
    close() {
      closing ??= stop();
      return closing;
    },
  };
}
