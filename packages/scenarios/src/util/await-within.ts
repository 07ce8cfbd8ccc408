import { AbortedError, TimeoutError } from '@conduct/core';

/** Options of {@link awaitWithin}. */
export interface AwaitWithinOptions {
  /** What is awaited, for the error message (`the turn`). */
  what: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * Waits for `promise`, but no longer than `timeoutMs` and not past `signal`: rejects with a
 * `TimeoutError` or `AbortedError` then. The work behind the promise goes on; a late rejection
 * is handled here so it never goes unhandled.
 */
export async function awaitWithin<T>(promise: Promise<T>, options: AwaitWithinOptions): Promise<T> {
  const { signal } = options;
  if (signal?.aborted) {
    promise.catch(() => {});
    throw new AbortedError(options.what);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TimeoutError(options.what, options.timeoutMs)),
      options.timeoutMs,
    );
    onAbort = () => reject(new AbortedError(options.what));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => {});
  try {
    return await Promise.race([promise, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
