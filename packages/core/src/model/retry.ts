import { ConductError } from '../errors/conduct-error.js';
import { AbortedError, ModelError } from '../errors/errors.js';
import { abortableDelay, type CallDeadline } from './call-deadline.js';

/** How a model adapter retries failed calls. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** Delay before the first retry; doubles each time. Default 500 ms. */
  initialDelayMs?: number;
  /** Upper bound of one delay (also caps `Retry-After`). Default 8000 ms. */
  maxDelayMs?: number;
  /** Random spread of each delay, as a fraction (0.2 = ±20 %). Default 0.2. */
  jitter?: number;
}

/**
 * Runs `attempt` and retries it while it fails with a retryable `ModelError` (429, 5xx,
 * connection errors): exponential backoff with jitter, or the provider's `Retry-After` when it
 * gave one. Once `signal` aborts it stops with `AbortedError`; when retries run out, the last
 * error is rethrown unchanged.
 * Every adapter uses this, so all vendors back off the same way.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions & { signal?: AbortSignal; random?: () => number } = {},
): Promise<T> {
  const maxRetries = options.maxRetries ?? 2;
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 8_000;
  const jitter = options.jitter ?? 0.2;
  const random = options.random ?? Math.random;
  for (let attemptNumber = 0; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const retryable = ModelError.is(error) && error.isRetryable;
      if (!retryable || attemptNumber >= maxRetries) throw error;
      if (options.signal?.aborted) throw stopReason(options.signal, error);
      const backoff = Math.min(max, initial * 2 ** attemptNumber);
      const spread = backoff * jitter * (random() * 2 - 1);
      const delay =
        error.retryAfterMs !== undefined ? Math.min(max, error.retryAfterMs) : backoff + spread;
      try {
        await abortableDelay(Math.max(0, delay), options.signal);
      } catch {
        throw stopReason(options.signal, error);
      }
    }
  }
}

/** Parses an HTTP `Retry-After` header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// A deadline aborts with its own `TimeoutError`; keep it, so callers see why the call stopped.
function stopReason(signal: AbortSignal | undefined, lastError: unknown): Error {
  const reason: unknown = signal?.reason;
  if (ConductError.isInstance(reason)) return reason;
  return new AbortedError('A model call', { cause: lastError });
}

/**
 * One provider request under a call deadline, retried like {@link withRetries}: every attempt
 * first checks the deadline, races the request against it, and maps a failure through
 * `deadline.mapError` and then `toError` (the adapter's own error mapping). Adapters share it so
 * every vendor retries, times out and aborts the same way.
 */
export function sendWithinDeadline<T>(
  deadline: Pick<CallDeadline, 'signal' | 'throwIfDone' | 'race' | 'mapError'>,
  request: (signal: AbortSignal) => PromiseLike<T>,
  options: { toError: (error: unknown) => unknown; retry?: RetryOptions; onAttempt?: () => void },
): Promise<T> {
  return withRetries(
    async () => {
      deadline.throwIfDone();
      options.onAttempt?.();
      try {
        return await deadline.race(request(deadline.signal));
      } catch (error) {
        throw options.toError(deadline.mapError(error));
      }
    },
    { ...options.retry, signal: deadline.signal },
  );
}
