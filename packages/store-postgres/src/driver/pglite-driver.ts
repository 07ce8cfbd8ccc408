import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlConnection, SqlDriver, SqlExecutor, SqlRow, SqlValue } from './sql-driver.js';

/** Options of {@link openPgliteDriver}. */
export interface PgliteDriverOptions {
  /** Directory of the database files; omitted means an in-memory database that dies with the process. */
  dataDir?: string;
}

/**
 * Opens an embedded PGlite database (PostgreSQL compiled to WebAssembly) in this process.
 * Opening takes a few seconds. One process at a time may open a data directory.
 */
export async function openPgliteDriver(options: PgliteDriverOptions = {}): Promise<SqlDriver> {
  const db = await PGlite.create(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
  return new PgliteDriver(db);
}

class PgliteDriver implements SqlDriver {
  readonly kind = 'pglite';
  readonly #db: PGlite;

  constructor(db: PGlite) {
    this.#db = db;
  }

  query<Row extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    return runOn(this.#db, sql, params);
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.#db.transaction((tx) =>
      work({ query: (sql, params = []) => runOn(tx, sql, params) }),
    );
  }

  // Nothing is ever missed in one process, so there is no gap to report.
  async listen(channel: string, onNotify: (payload: string) => void) {
    const unlisten = await this.#db.listen(channel, onNotify);
    return async () => {
      if (!this.#db.closed) await unlisten();
    };
  }

  // One process, one session: nothing to lose, nothing to open.
  async connect(): Promise<SqlConnection> {
    return { query: (sql, params = []) => runOn(this.#db, sql, params), close: async () => {} };
  }

  async close(): Promise<void> {
    if (!this.#db.closed) await this.#db.close();
  }
}

async function runOn<Row extends SqlRow>(
  target: PGlite | Transaction,
  sql: string,
  params: readonly SqlValue[],
): Promise<Row[]> {
  const result = await target.query<Row>(sql, [...params]);
  return result.rows;
}
