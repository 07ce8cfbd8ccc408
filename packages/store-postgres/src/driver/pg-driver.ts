import pg from 'pg';
import { PgListener } from './pg-listener.js';
import type { SqlConnection, SqlDriver, SqlExecutor, SqlRow, SqlValue } from './sql-driver.js';

/** Options of {@link openPgDriver}. */
export interface PgDriverOptions {
  /** `postgres://user:password@host:port/database`. */
  connectionString: string;
  /** Most pooled connections (default 10); listening and `connect()` open their own. */
  maxConnections?: number;
}

/** Connects to a PostgreSQL server through a `pg` pool (connections open lazily). */
export function openPgDriver(options: PgDriverOptions): SqlDriver {
  return new PgDriver(options);
}

class PgDriver implements SqlDriver {
  readonly kind = 'pg';
  readonly #connectionString: string;
  readonly #pool: pg.Pool;
  readonly #listener: PgListener;

  constructor(options: PgDriverOptions) {
    this.#connectionString = options.connectionString;
    this.#listener = new PgListener({
      connectionString: options.connectionString,
      application_name: 'conduct-listener',
      keepAlive: true,
    });
    this.#pool = new pg.Pool({
      connectionString: options.connectionString,
      application_name: 'conduct',
      max: options.maxConnections ?? 10,
      // Idle connections must not keep a server process (or a test run) alive.
      allowExitOnIdle: true,
    });
    // An idle pooled connection that dies (server restart) is dropped by the pool; without a
    // listener the 'error' event would crash the process.
    this.#pool.on('error', () => {});
  }

  async query<Row extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const result = await this.#pool.query<Row>(sql, [...params]);
    return result.rows;
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row extends SqlRow>(sql: string, params: readonly SqlValue[] = []) =>
          (await client.query<Row>(sql, [...params])).rows,
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      // A connection whose rollback failed is in an unknown state: destroy it.
      client.release(broken);
    }
  }

  listen(channel: string, onNotify: (payload: string) => void, onGap?: () => void) {
    return this.#listener.add(channel, { onNotify, ...(onGap === undefined ? {} : { onGap }) });
  }

  async connect(onLost: (error: unknown) => void): Promise<SqlConnection> {
    const client = new pg.Client({
      connectionString: this.#connectionString,
      application_name: 'conduct-locks',
      keepAlive: true,
    });
    let closed = false;
    const lost = (error?: unknown) => {
      if (closed) return;
      closed = true;
      client.end().catch(() => {});
      onLost(error ?? new Error('The connection ended'));
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
    } catch (error) {
      closed = true;
      throw error;
    }
    // One statement at a time: pg queues concurrent queries on a client, but deprecates it.
    let tail: Promise<unknown> = Promise.resolve();
    return {
      query: <Row extends SqlRow>(sql: string, params: readonly SqlValue[] = []) => {
        const result = tail.then(() => client.query<Row>(sql, [...params]));
        tail = result.catch(() => undefined);
        return result.then((done) => done.rows);
      },
      close: async () => {
        closed = true;
        await client.end().catch(() => {});
      },
    };
  }

  async close(): Promise<void> {
    await this.#listener.close();
    await this.#pool.end();
  }
}
