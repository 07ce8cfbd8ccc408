/**
 * A value bound to a `$n` placeholder. Only scalars cross the driver boundary: JSON travels as
 * text and is cast in SQL (`$1::text::jsonb`), so both drivers serialize it identically.
 */
export type SqlValue = string | number | boolean | null;

/** A result row, by column name. */
export type SqlRow = Record<string, unknown>;

/** Runs one parameterized SQL statement. */
export interface SqlExecutor {
  /** Runs `sql` with `params` bound to `$1…$n` and returns the rows. One statement only. */
  query<Row extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

/** A dedicated connection, outside any pool: what it holds (advisory locks) lives as long as it. */
export interface SqlConnection extends SqlExecutor {
  /** Closes the connection, releasing everything it held. */
  close(): Promise<void>;
}

/**
 * The little a store needs from a PostgreSQL connection: statements, transactions, and
 * notifications. PGlite and `pg` implement it; every query above this line is the same SQL.
 */
export interface SqlDriver extends SqlExecutor {
  /** `pglite` (embedded, one process) or `pg` (a PostgreSQL server, many processes). */
  readonly kind: 'pglite' | 'pg';
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it rejects.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of every `NOTIFY` on `channel` (from any connection or
   * process on the database) until the returned function is called. `onGap` is called when
   * notifications may have been missed (the listening connection was lost and re-established),
   * so that whoever waits on them can look again.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onGap?: () => void,
  ): Promise<() => Promise<void>>;
  /**
   * Opens a dedicated connection. `onLost` runs once if it breaks on its own (not on `close()`);
   * whatever it held is gone by then. On PGlite this is the database's only session.
   */
  connect(onLost: (error: unknown) => void): Promise<SqlConnection>;
  /** Releases every connection (and the embedded database, when the driver opened it). */
  close(): Promise<void>;
}
