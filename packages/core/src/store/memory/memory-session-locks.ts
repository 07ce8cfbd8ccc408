import { AbortedError, TimeoutError } from '../../errors/errors.js';
import type { SessionLease, SessionLockOptions, SessionLockPort } from '../session-locks.js';

interface Waiter {
  grant: () => void;
}

/**
 * Session locks in one process (the memory store cannot be shared between processes): first
 * come first served per session. A lease is never lost, except when the store closes.
 */
export class MemorySessionLocks implements SessionLockPort {
  readonly #held = new Map<string, Waiter[]>();
  readonly #leases = new Set<AbortController>();

  async withSessionLock<T>(
    sessionId: string,
    work: (lease: SessionLease) => Promise<T>,
    options: SessionLockOptions = {},
  ): Promise<T> {
    await this.#acquire(sessionId, options);
    const lease = new AbortController();
    this.#leases.add(lease);
    try {
      return await work({ sessionId, signal: lease.signal });
    } finally {
      this.#leases.delete(lease);
      this.#release(sessionId);
    }
  }

  /** Aborts every lease (the store is closing). */
  loseAll(): void {
    for (const lease of this.#leases) lease.abort(new AbortedError('Holding a session lock'));
    this.#leases.clear();
  }

  #acquire(sessionId: string, options: SessionLockOptions): Promise<void> {
    const operation = `Waiting for the lock of session '${sessionId}'`;
    if (options.signal?.aborted) return Promise.reject(new AbortedError(operation));
    const queue = this.#held.get(sessionId);
    if (queue === undefined) {
      this.#held.set(sessionId, []);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          settle();
          resolve();
        },
      };
      const giveUp = (error: Error) => {
        settle();
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        reject(error);
      };
      const onAbort = () => giveUp(new AbortedError(operation));
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(
              () => giveUp(new TimeoutError(operation, options.timeoutMs ?? 0)),
              options.timeoutMs,
            );
      const settle = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });
  }

  #release(sessionId: string): void {
    const queue = this.#held.get(sessionId);
    const next = queue?.shift();
    if (next === undefined) this.#held.delete(sessionId);
    else next.grant();
  }
}
