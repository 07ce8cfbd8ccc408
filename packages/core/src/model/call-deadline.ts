import type { ConductError } from '../errors/conduct-error.js';
import { AbortedError, TimeoutError } from '../errors/errors.js';
import type { ModelCallContext } from './language-model.js';

/**
 * The cancellation scope of one model call: it merges the caller's `signal` with the call's
 * `timeoutMs` into one signal whose `reason` is the error the call must reject with.
 */
export interface CallDeadline {
  /**
   * Aborts when the caller's signal aborts (reason: `AbortedError`) or the timeout expires
   * (reason: `TimeoutError`). Pass it to `fetch` or the vendor SDK.
   */
  readonly signal: AbortSignal;
  /** Throws the abort reason if the call was aborted or timed out. */
  throwIfDone(): void;
  /**
   * Maps an error caught from the network layer: once the deadline has fired, whatever the SDK
   * threw (a `DOMException`, an `APIUserAbortError`, …) becomes the deadline's own error.
   */
  mapError(error: unknown): unknown;
  /** Settles like `promise`, but rejects with the deadline's error as soon as it fires. */
  race<T>(promise: PromiseLike<T>): Promise<T>;
  /** Clears the timer and the listener on the caller's signal; call it when the call ends. */
  dispose(): void;
}

/**
 * Creates the {@link CallDeadline} of one call. `operation` names the call in error messages,
 * e.g. `Model call for task 'actionable'`.
 */
export function createCallDeadline(
  context: Pick<ModelCallContext, 'signal' | 'timeoutMs'>,
  operation: string,
): CallDeadline {
  const controller = new AbortController();
  const { signal: outer, timeoutMs } = context;
  const onAbort = () => controller.abort(new AbortedError(operation, { cause: outer?.reason }));
  let timer: ReturnType<typeof setTimeout> | undefined;

  if (outer?.aborted) onAbort();
  else {
    outer?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) {
      timer = setTimeout(
        () => controller.abort(new TimeoutError(operation, timeoutMs)),
        Math.max(0, timeoutMs),
      );
    }
  }

  const signal = controller.signal;
  const reason = () => signal.reason as ConductError;
  return {
    signal,
    throwIfDone() {
      if (signal.aborted) throw reason();
    },
    mapError(error) {
      return signal.aborted ? reason() : error;
    },
    race(promise) {
      const inner = Promise.resolve(promise);
      if (signal.aborted) {
        // The abandoned promise may still reject later; nobody else will handle that.
        inner.then(undefined, () => {});
        return Promise.reject(reason());
      }
      return new Promise((resolve, reject) => {
        const onDone = () => reject(reason());
        signal.addEventListener('abort', onDone, { once: true });
        inner.then(
          (value) => {
            signal.removeEventListener('abort', onDone);
            resolve(value);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onDone);
            reject(signal.aborted ? reason() : error);
          },
        );
      });
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Waits `ms` milliseconds, or rejects with `signal.reason` as soon as `signal` aborts.
 * `Infinity` waits until the signal aborts (a backend that never answers).
 */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      if (timer !== undefined) clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(ms)) {
      timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
    }
  });
}
