import { AbortedError } from '../errors/errors.js';
import type { WaitOptions } from './event-store.js';

/**
 * In-process pub/sub of "something changed under this key" (a session id, usually). A writer
 * that knows what changed passes it along (`change`, e.g. the appended event), so a waiter can
 * skip checks that change cannot satisfy; a change without it may be anything.
 */
export class ChangeNotifier {
  readonly #listeners = new Map<string, Set<(change?: unknown) => void>>();

  /** Calls `listener` on every change under `key` until the returned function is called. */
  subscribe(key: string, listener: (change?: unknown) => void): () => void {
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

  /** Tells every listener of `key` that something (`change`, when known) changed. */
  notify(key: string, change?: unknown): void {
    for (const listener of [...(this.#listeners.get(key) ?? [])]) listener(change);
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
 *
 * `relevant`, when given, says whether a known change (see {@link ChangeNotifier}) can make
 * `check` succeed; changes it rejects run no check (e.g. a turn's own status events do not
 * re-run a wait for customer messages). Unknown changes always run it.
 */
export async function waitForChange<T>(
  notifier: ChangeNotifier,
  key: string,
  check: () => T | undefined | Promise<T | undefined>,
  options: WaitOptions,
  operation: string,
  relevant?: (change: unknown) => boolean,
): Promise<T | undefined> {
  const { signal } = options;
  if (signal?.aborted) throw new AbortedError(operation);
  let dirty = true;
  let wake: (() => void) | undefined;
  const unsubscribe = notifier.subscribe(key, (change) => {
    if (change !== undefined && relevant !== undefined && !relevant(change)) return;
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
