/**
 * Where a rate limiter counts hits. Implement it over a shared store (Redis, PostgreSQL…) to
 * enforce limits across several server instances; the default counts in process memory.
 */
export interface RateLimitStore {
  /**
   * Records a hit on `bucket` at `now` (ms) and returns true, unless `limit` hits were already
   * recorded in the `windowMs` before `now`: then records nothing and returns false.
   */
  hit(bucket: string, limit: number, windowMs: number, now: number): boolean | Promise<boolean>;
}

const SWEEP_EVERY = 1000;

/** A {@link RateLimitStore} in this process's memory (moving window; idle buckets are swept). */
export function memoryRateLimitStore(): RateLimitStore {
  const hits = new Map<string, number[]>();
  let calls = 0;
  return {
    hit(bucket, limit, windowMs, now) {
      if (++calls % SWEEP_EVERY === 0) {
        for (const [key, times] of hits) {
          if ((times.at(-1) ?? 0) <= now - windowMs) hits.delete(key);
        }
      }
      const recent = (hits.get(bucket) ?? []).filter((at) => at > now - windowMs);
      const allowed = recent.length < limit;
      if (allowed) recent.push(now);
      hits.set(bucket, recent);
      return allowed;
    },
  };
}
