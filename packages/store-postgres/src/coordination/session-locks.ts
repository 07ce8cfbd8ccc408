import { AbortedError, TimeoutError } from '@conduct/core';
import { waitForChange } from '@conduct/core/internal';
import type { SqlConnection, SqlDriver } from '../driver/sql-driver.js';
import { LockClass } from '../schema/advisory-locks.js';
import { TrackingNotifier } from '../stores/event-feed.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { WaitLimit } from './wait-until.js';

/** The `NOTIFY` channel on which a released session lock is announced (payload: session id). */
export const SESSION_LOCKS_CHANNEL = 'conduct_session_locks';

/** What the work run under a session lock is given. */
export interface SessionLease {
  readonly sessionId: string;
  /**
   * Aborted if the lock is lost before the work ends (its database connection broke, so
   * another process may take the session): stop and leave the session alone.
   */
  readonly signal: AbortSignal;
}

/** Options of {@link SessionLocks.withSessionLock}. */
export type SessionLockOptions = WaitLimit;

/**
 * One process at a time per session, across every process on the database. A process holds
 * the session's advisory lock on one dedicated connection (never a pooled one, so waiting and
 * working never starve the pool); in-process callers queue in front of it. The lock is a lease
 * that expires with its holder: when a process dies, PostgreSQL drops its connection and the
 * lock with it. A release is announced with `NOTIFY`, so waiters elsewhere retry at once; they
 * also retry every `retryMs`, because a crashed holder announces nothing.
 */
export class SessionLocks {
  readonly #driver: SqlDriver;
  readonly #retryMs: number;
  readonly #mutex = new KeyedMutex();
  readonly #released = new TrackingNotifier();
  readonly #leases = new Set<AbortController>();
  #connection: Promise<SqlConnection> | undefined;
  #unlisten: (() => Promise<void>) | undefined;

  /** @param retryMs how often a waiter retries without being told of a release (default 1 s). */
  constructor(driver: SqlDriver, options: { retryMs?: number } = {}) {
    this.#driver = driver;
    this.#retryMs = options.retryMs ?? 1000;
  }

  /** Starts listening for releases announced by other processes. */
  async start(): Promise<void> {
    this.#unlisten = await this.#driver.listen(
      SESSION_LOCKS_CHANNEL,
      (sessionId) => this.#released.notify(sessionId),
      () => this.#released.notifyAll(),
    );
  }

  /**
   * Runs `work` while holding the session's lock, and releases it afterwards (whatever `work`
   * does). Waits for the lock as long as `timeoutMs` allows (`TimeoutError`), or until `signal`
   * aborts (`AbortedError`).
   */
  async withSessionLock<T>(
    sessionId: string,
    work: (lease: SessionLease) => Promise<T>,
    options: SessionLockOptions = {},
  ): Promise<T> {
    const operation = `Waiting for the lock of session '${sessionId}'`;
    const started = Date.now();
    const releaseLocal = await this.#mutex.acquire(sessionId, options, operation);
    const lease = new AbortController();
    try {
      const remaining =
        options.timeoutMs === undefined ? undefined : options.timeoutMs - (Date.now() - started);
      await this.#lock(sessionId, { ...options, timeoutMs: remaining }, operation);
    } catch (error) {
      releaseLocal();
      throw error;
    }
    this.#leases.add(lease);
    try {
      return await work({ sessionId, signal: lease.signal });
    } finally {
      this.#leases.delete(lease);
      // A lost lock went with its connection: there is nothing left to release.
      if (!lease.signal.aborted) await this.#unlock(sessionId).catch(() => {});
      releaseLocal();
    }
  }

  /** Releases every lock and stops listening. Running work sees its lease aborted. */
  async close(): Promise<void> {
    this.#loseAll(new AbortedError('Holding a session lock'));
    await this.#unlisten?.();
    const connection = this.#connection;
    this.#connection = undefined;
    await (await connection?.catch(() => undefined))?.close();
  }

  async #lock(sessionId: string, limit: WaitLimit, operation: string): Promise<void> {
    const deadline = limit.timeoutMs === undefined ? Infinity : Date.now() + limit.timeoutMs;
    for (;;) {
      const remaining = deadline - Date.now();
      const taken = await waitForChange(
        this.#released,
        sessionId,
        async () => ((await this.#tryLock(sessionId)) ? true : undefined),
        { timeoutMs: Math.max(0, Math.min(this.#retryMs, remaining)), ...signalOf(limit) },
        operation,
      );
      if (taken === true) return;
      if (Date.now() >= deadline) throw new TimeoutError(operation, limit.timeoutMs ?? 0);
    }
  }

  async #tryLock(sessionId: string): Promise<boolean> {
    const rows = await (await this.#connect()).query<{ taken: boolean }>(
      'SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS taken',
      [LockClass.sessions, sessionId],
    );
    return rows[0]?.taken === true;
  }

  async #unlock(sessionId: string): Promise<void> {
    await (await this.#connect()).query(
      `SELECT pg_advisory_unlock($1::int, hashtext($2)), pg_notify('${SESSION_LOCKS_CHANNEL}', $2)`,
      [LockClass.sessions, sessionId],
    );
  }

  #connect(): Promise<SqlConnection> {
    if (this.#connection === undefined) {
      const connection = this.#driver.connect((error) => {
        if (this.#connection === connection) this.#connection = undefined;
        this.#loseAll(error);
      });
      // A failed connect is retried by the next caller.
      connection.catch(() => {
        if (this.#connection === connection) this.#connection = undefined;
      });
      this.#connection = connection;
    }
    return this.#connection;
  }

  #loseAll(reason: unknown): void {
    for (const lease of this.#leases) lease.abort(reason);
    this.#leases.clear();
  }
}

function signalOf(limit: WaitLimit): { signal?: AbortSignal } {
  return limit.signal === undefined ? {} : { signal: limit.signal };
}
