import type { Context } from 'hono';
import { deny, type Operation } from '../auth.js';
import { HttpError } from '../errors.js';

const WINDOW_MS = 60_000;
const SWEEP_EVERY = 1000;

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Requests per minute for specific operations, each in its own bucket. */
  perMinute: Readonly<Record<Operation, number>>;
  /** Requests per minute for every other operation, all sharing one bucket. */
  defaultPerMinute: number;
  /** Who is counted (a client IP, an API key…); `undefined` denies the request (403). */
  key: (c: Context) => string | undefined;
  /** Clock in milliseconds; default `Date.now`. */
  now?: () => number;
}

/** A rate limiter a policy calls after allowing an operation. */
export interface RateLimiter {
  /** Counts the request; throws 429 `Rate limit exceeded: OPERATION=…` over the limit. */
  check(c: Context, operation: Operation): void;
}

/**
 * An in-memory moving-window limiter (the last 60 s), per key and operation bucket, like the
 * reference's `limits` MovingWindow. State is per process: several instances each count alone.
 */
export function rateLimit(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const hits = new Map<string, number[]>();
  let checks = 0;
  const sweep = (time: number) => {
    for (const [bucket, times] of hits) {
      if ((times.at(-1) ?? 0) <= time - WINDOW_MS) hits.delete(bucket);
    }
  };
  return {
    check(c, operation) {
      const who = options.key(c);
      if (who === undefined) deny(operation);
      const specific = Object.hasOwn(options.perMinute, operation);
      const limit = specific ? (options.perMinute[operation] ?? 0) : options.defaultPerMinute;
      const bucket = `${who}\u0000${specific ? operation : '*'}`;
      const time = now();
      if (++checks % SWEEP_EVERY === 0) sweep(time);
      const recent = (hits.get(bucket) ?? []).filter((at) => at > time - WINDOW_MS);
      if (recent.length >= limit) {
        hits.set(bucket, recent);
        throw new HttpError(429, `Rate limit exceeded: OPERATION=${operation}`);
      }
      recent.push(time);
      hits.set(bucket, recent);
    },
  };
}
