/**
 * `@conduct/store-postgres`: every Conduct store port on PostgreSQL — embedded PGlite by default,
 * a PostgreSQL server (`DATABASE_URL`) to scale out to several processes.
 *
 * @packageDocumentation
 */
export type { SessionLease, SessionLockOptions } from './coordination/session-locks.js';
export type { WaitLimit } from './coordination/wait-until.js';
export {
  type CreateStoreOptions,
  createPostgresStore,
  createStore,
  type PgliteStoreOptions,
  type PgStoreOptions,
  type PostgresStoreOptions,
} from './create-postgres-store.js';
export { createSqlStore, type PostgresStore } from './create-sql-store.js';
export { openPgDriver, type PgDriverOptions } from './driver/pg-driver.js';
export { openPgliteDriver, type PgliteDriverOptions } from './driver/pglite-driver.js';
export type {
  SqlConnection,
  SqlDriver,
  SqlExecutor,
  SqlRow,
  SqlValue,
} from './driver/sql-driver.js';
export { migrate } from './schema/migrate.js';
export {
  MIGRATIONS,
  type Migration,
  type MigrationStep,
  SCHEMA_VERSION,
} from './schema/migrations.js';
