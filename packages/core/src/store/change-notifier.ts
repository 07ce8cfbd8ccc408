import { AbortedError } from '../errors/errors.js';
import type { WaitOptions } from './event-store.js';

/** In-process pub/sub of "something changed under this key" (a session id, usually). */
export class ChangeNotifier {
  readonly #listeners = new Map<string, Set<() => void>>();

  /** Calls `listener` on every change under `key` until the returned function is called. */
  subscribe(key: string, listener: () => void): () => void {
    let set = this.#listeners.get(key);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(key);
    };
  }

  /** Tells every listener of `key` that something changed. */
  notify(key: string): void {
    for (const listener of [...(this.#listeners.get(key) ?? [])]) listener();
  }

  /** How many listeners are registered (for leak checks in tests). */
  get listenerCount(): number {
    let count = 0;
    for (const set of this.#listeners.values()) count += set.size;
    return count;
  }
}

/**
 * Runs `check` now and again after every change under `key`, until it returns a value (which is
 * returned) or the timeout passes (`undefined`). Subscribes *before* the first check so a change
 * that lands while a check is running is never missed. Rejects with `AbortedError` on abort and
 * passes on whatever `check` throws (e.g. `NotFoundError` once the session is gone).
 */
export async function waitForChange<T>(
  notifier: ChangeNotifier,
  key: string,
  check: () => T | undefined | Promise<T | undefined>,
  options: WaitOptions,
  operation: string,
): Promise<T | undefined> {
  const { signal } = options;
  if (signal?.aborted) throw new AbortedError(operation);
  let dirty = true;
  let wake: (() => void) | undefined;
  const unsubscribe = notifier.subscribe(key, () => {
    dirty = true;
    wake?.();
  });
  const deadline = Date.now() + Math.max(0, options.timeoutMs);
  try {
    for (;;) {
      if (dirty) {
        dirty = false;
        const result = await check();
        if (result !== undefined) return result;
        if (dirty) continue;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) return undefined;
      await new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          wake = undefined;
          if (error === undefined) resolve();
          else reject(error);
        };
        const onAbort = () => finish(new AbortedError(operation));
        const timer = setTimeout(() => finish(), remaining);
        wake = () => finish();
        signal?.addEventListener('abort', onAbort, { once: true });
        // An abort that landed while `check` ran fired no event: this listener came too late.
        if (signal?.aborted) onAbort();
      });
    }
  } finally {
    unsubscribe();
  }
}
