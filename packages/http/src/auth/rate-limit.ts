import type { Context } from 'hono';
import { deny, type Operation } from '../auth.js';
import { HttpError } from '../errors.js';
import {
  memoryRateLimitStore,
  type RateLimitStore,
  type RateLimitVerdict,
} from './rate-limit-store.js';

const WINDOW_MS = 60_000;

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Requests per minute for specific operations, each in its own bucket. */
  perMinute: Readonly<Record<Operation, number>>;
  /** Requests per minute for every other operation, all sharing one bucket. */
  defaultPerMinute: number;
  /** Who is counted (a client IP, an API key…); `undefined` denies the request (403). */
  key: (c: Context) => string | undefined;
  /**
   * Where hits are counted. Default: this process's memory, so several instances each count
   * alone; give a shared store (e.g. over Redis or PostgreSQL) to limit across instances.
   */
  store?: RateLimitStore;
  /** Clock in milliseconds; default `Date.now`. */
  now?: () => number;
}

/** A rate limiter a policy calls after allowing an operation. */
export interface RateLimiter {
  /**
   * Counts the request; over the limit, throws 429 `Rate limit exceeded: OPERATION=…` with a
   * `Retry-After` header (whole seconds, at least 1).
   */
  check(c: Context, operation: Operation): void | Promise<void>;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown }).then === 'function';
}

function verdictOf(answer: boolean | RateLimitVerdict): RateLimitVerdict {
  return typeof answer === 'boolean' ? { allowed: answer } : answer;
}

function exceeded(operation: Operation, verdict: RateLimitVerdict): HttpError {
  // A store that cannot tell gets the whole window: by then every counted hit has expired.
  const waitMs = Math.min(verdict.retryAfterMs ?? WINDOW_MS, WINDOW_MS);
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new HttpError(429, `Rate limit exceeded: OPERATION=${operation}`, {
    headers: { 'Retry-After': String(seconds) },
  });
}

/**
 * A moving-window limiter (the last 60 s) per key and operation bucket, like the reference's
 * `limits` MovingWindow. Counts in memory unless given a shared `store`.
 */
export function rateLimit(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const store = options.store ?? memoryRateLimitStore();
  return {
    check(c, operation) {
      const who = options.key(c);
      if (who === undefined) deny(operation);
      const specific = Object.hasOwn(options.perMinute, operation);
      const limit = specific ? (options.perMinute[operation] ?? 0) : options.defaultPerMinute;
      const bucket = `${who}\u0000${specific ? operation : '*'}`;
      const answer = store.hit(bucket, limit, WINDOW_MS, now());
      // A synchronous store answers synchronously, so callers need not await the memory store.
      if (isPromiseLike(answer)) {
        return Promise.resolve(answer).then((settled) => {
          const verdict = verdictOf(settled);
          if (!verdict.allowed) throw exceeded(operation, verdict);
        });
      }
      const verdict = verdictOf(answer);
      if (!verdict.allowed) throw exceeded(operation, verdict);
    },
  };
}
