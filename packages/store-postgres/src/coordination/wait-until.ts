import { AbortedError, TimeoutError } from '@conduct/core';

/** How long to wait for something, and how to stop waiting early. */
export interface WaitLimit {
  /** Give up after this many milliseconds (`TimeoutError`); omitted means no limit. */
  timeoutMs?: number;
  /** Stop waiting at once (`AbortedError`). */
  signal?: AbortSignal;
}

/**
 * Resolves like `promise`, or rejects with `TimeoutError` / `AbortedError` when the limit comes
 * first. Leaves no timer or listener behind either way.
 */
export function waitUntil<T>(promise: Promise<T>, limit: WaitLimit, operation: string): Promise<T> {
  const { signal, timeoutMs } = limit;
  if (signal?.aborted) return Promise.reject(new AbortedError(operation));
  if (signal === undefined && timeoutMs === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => finish(() => reject(new TimeoutError(operation, timeoutMs))), timeoutMs);
    const onAbort = () => finish(() => reject(new AbortedError(operation)));
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => finish(() => resolve(value)),
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
