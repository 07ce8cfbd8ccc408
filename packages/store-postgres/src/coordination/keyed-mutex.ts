import { type WaitLimit, waitUntil } from './wait-until.js';

/** In-process mutual exclusion per key, first come first served. */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * Waits for the key and returns the function that releases it. A waiter that gives up
   * (timeout, abort) rejects at once and never holds the key.
   */
  async acquire(key: string, limit: WaitLimit, operation: string): Promise<() => void> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let open!: () => void;
    const done = new Promise<void>((resolve) => {
      open = resolve;
    });
    const tail = previous.then(() => done);
    this.#tails.set(key, tail);
    const release = () => {
      open();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
    try {
      await waitUntil(previous, limit, operation);
    } catch (error) {
      // Those queued behind this waiter must not wait for a holder that never comes. (`previous`
      // only ever resolves: it chains gates that nothing rejects; release either way regardless.)
      previous.then(release, release);
      throw error;
    }
    return release;
  }

  /** How many keys are held or waited for (for leak checks in tests). */
  get size(): number {
    return this.#tails.size;
  }
}
