/** A store's answer to one hit: refused hits may say when a hit will succeed again. */
export interface RateLimitVerdict {
  allowed: boolean;
  /** When refused: milliseconds until a hit on this bucket can succeed. Unknown: the window. */
  retryAfterMs?: number;
}

/**
 * Where a rate limiter counts hits. Implement it over a shared store (Redis, PostgreSQL…) to
 * enforce limits across several server instances; the default counts in process memory.
 */
export interface RateLimitStore {
  /**
   * Records a hit on `bucket` at `now` (ms) and allows it, unless `limit` hits were already
   * recorded in the `windowMs` before `now`: then records nothing and refuses it. Answers a
   * boolean (allowed) or a {@link RateLimitVerdict}.
   */
  hit(
    bucket: string,
    limit: number,
    windowMs: number,
    now: number,
  ): boolean | RateLimitVerdict | Promise<boolean | RateLimitVerdict>;
}

const SWEEP_EVERY = 1000;

/** A {@link RateLimitStore} in this process's memory (moving window; idle buckets are swept). */
export function memoryRateLimitStore(): RateLimitStore {
  const hits = new Map<string, number[]>();
  let calls = 0;
  return {
    hit(bucket, limit, windowMs, now): RateLimitVerdict {
      if (++calls % SWEEP_EVERY === 0) {
        for (const [key, times] of hits) {
          if ((times.at(-1) ?? 0) <= now - windowMs) hits.delete(key);
        }
      }
      const recent = (hits.get(bucket) ?? []).filter((at) => at > now - windowMs);
      hits.set(bucket, recent);
      if (recent.length < limit) {
        recent.push(now);
        return { allowed: true };
      }
      // The hit that must leave the window before the count drops below the limit.
      const blocking = recent[recent.length - limit];
      return blocking === undefined
        ? { allowed: false }
        : { allowed: false, retryAfterMs: blocking + windowMs - now };
    },
  };
}
