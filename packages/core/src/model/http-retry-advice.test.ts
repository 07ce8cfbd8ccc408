import { describe, expect, it } from 'vitest';
import { httpRetryAdvice, isRetryableStatus } from './http-retry-advice.js';

describe('httpRetryAdvice', () => {
  it.each([
    [408, true],
    [409, true],
    [425, true],
    [429, true],
    [500, true],
    [529, true],
    [400, false],
    [401, false],
    [404, false],
    [422, false],
  ])('status %i is retryable: %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
    expect(httpRetryAdvice({ status }).isRetryable).toBe(retryable);
  });

  it('lets x-should-retry override the status', () => {
    const no = new Headers({ 'x-should-retry': 'false' });
    const yes = new Headers({ 'x-should-retry': 'true' });
    expect(httpRetryAdvice({ status: 503, headers: no }).isRetryable).toBe(false);
    expect(httpRetryAdvice({ status: 400, headers: yes }).isRetryable).toBe(true);
  });

  it('decides a failure without a status by retryableWithoutStatus, false by default', () => {
    expect(httpRetryAdvice({ status: undefined }).isRetryable).toBe(false);
    expect(httpRetryAdvice({ status: undefined, retryableWithoutStatus: true }).isRetryable).toBe(
      true,
    );
  });

  it('reads retry-after-ms first, then Retry-After in seconds', () => {
    const both = new Headers({ 'retry-after-ms': '1500', 'retry-after': '7' });
    expect(httpRetryAdvice({ status: 429, headers: both }).retryAfterMs).toBe(1500);
    const seconds = new Headers({ 'retry-after': '7', 'retry-after-ms': 'soon' });
    expect(httpRetryAdvice({ status: 429, headers: seconds }).retryAfterMs).toBe(7000);
    expect(httpRetryAdvice({ status: 429, headers: new Headers() }).retryAfterMs).toBeUndefined();
  });
});
