import { ConfigurationError } from '@conduct/core';
import { createSqlStore, type PostgresStore } from './create-sql-store.js';
import { openPgDriver } from './driver/pg-driver.js';
import { openPgliteDriver } from './driver/pglite-driver.js';

/** An embedded PGlite database in this process: zero setup, one process. */
export interface PgliteStoreOptions {
  driver?: 'pglite';
  /**
   * Directory of the database files (created when missing). Omitted means in memory: nothing
   * survives the process. Only one process at a time may open a directory.
   */
  dataDir?: string;
}

/** A PostgreSQL server: several processes may share it. */
export interface PgStoreOptions {
  driver: 'pg';
  /** `postgres://user:password@host:port/database`; defaults to `DATABASE_URL`. */
  connectionString?: string;
  /** Most pooled connections this process opens (default 10), plus one that listens. */
  maxConnections?: number;
}

/** Where {@link createPostgresStore} keeps its data. */
export type PostgresStoreOptions = PgliteStoreOptions | PgStoreOptions;

/**
 * Opens a {@link PostgresStore} on PostgreSQL — embedded PGlite by default, or a PostgreSQL
 * server through `pg` — and brings its schema up to date. Both drivers run the same schema and
 * queries.
 *
 * @example
 * const store = await createPostgresStore({ dataDir: './data' });
 * const shared = await createPostgresStore({ driver: 'pg', connectionString: process.env.DATABASE_URL });
 */
export async function createPostgresStore(
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  if (options.driver === 'pg') {
    const connectionString = options.connectionString ?? process.env.DATABASE_URL;
    if (connectionString === undefined || connectionString === '') {
      throw new ConfigurationError(
        'The pg driver needs a connection string: pass connectionString or set DATABASE_URL',
      );
    }
    return createSqlStore(
      openPgDriver({
        connectionString,
        ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
      }),
    );
  }
  return createSqlStore(
    await openPgliteDriver(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  );
}

/** Options of {@link createStore}. */
export interface CreateStoreOptions {
  /** PGlite data directory, used when there is no database URL (in memory when omitted). */
  dataDir?: string;
  /** PostgreSQL server to use; defaults to `DATABASE_URL`. */
  databaseUrl?: string;
}

/**
 * The usual choice made for you: PostgreSQL when `DATABASE_URL` (or `databaseUrl`) is set,
 * otherwise embedded PGlite in `dataDir`.
 */
export function createStore(options: CreateStoreOptions = {}): Promise<PostgresStore> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (databaseUrl !== undefined && databaseUrl !== '') {
    return createPostgresStore({ driver: 'pg', connectionString: databaseUrl });
  }
  return createPostgresStore(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
}
