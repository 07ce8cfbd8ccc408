/** What work run under a session lock is given. */
export interface SessionLease {
  readonly sessionId: string;
  /**
   * Aborted if the lock is lost before the work ends (e.g. the database connection that held it
   * broke, so another process may take the session): stop, and leave the session alone.
   */
  readonly signal: AbortSignal;
}

/** How long to wait for a session lock, and how to stop waiting early. */
export interface SessionLockOptions {
  /** Give up after this many milliseconds (`TimeoutError`); omitted means no limit. */
  timeoutMs?: number;
  /** Stop waiting at once (`AbortedError`). */
  signal?: AbortSignal;
}

/**
 * Mutual exclusion per session across every process that shares the store: the engine holds a
 * session's lock while it processes that session, so one process at a time runs its turns.
 * A lock is a lease that ends with its holder: when a process dies, its locks go with it.
 */
export interface SessionLockPort {
  /**
   * Runs `work` while no other caller — in this process or another one on the same store —
   * holds the session, then releases it (whatever `work` does). Waits first, first come first
   * served within a process, as long as `options` allow.
   */
  withSessionLock<T>(
    sessionId: string,
    work: (lease: SessionLease) => Promise<T>,
    options?: SessionLockOptions,
  ): Promise<T>;
}
