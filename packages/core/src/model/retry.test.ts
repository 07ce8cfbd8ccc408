import { describe, expect, it, vi } from 'vitest';
import { AbortedError, ModelError } from '../errors/errors.js';
import { computeCost } from './pricing.js';
import { parseRetryAfter, withRetries } from './retry.js';

const retryable = (retryAfterMs?: number) =>
  new ModelError('rate limited', {
    status: 429,
    isRetryable: true,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });

describe('withRetries', () => {
  it('retries retryable errors with backoff, then succeeds', async () => {
    const attempt = vi
      .fn()
      .mockRejectedValueOnce(retryable())
      .mockRejectedValueOnce(retryable())
      .mockResolvedValue('ok');
    await expect(withRetries(attempt, { initialDelayMs: 1, jitter: 0 })).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(3);
  });

  it('gives up after maxRetries with the last error, and never retries others', async () => {
    const last = retryable();
    const attempt = vi.fn().mockRejectedValueOnce(retryable()).mockRejectedValue(last);
    await expect(withRetries(attempt, { maxRetries: 1, initialDelayMs: 1 })).rejects.toBe(last);
    const fatal = new ModelError('bad request', { status: 400 });
    const once = vi.fn().mockRejectedValue(fatal);
    await expect(withRetries(once, { initialDelayMs: 1 })).rejects.toBe(fatal);
    expect(once).toHaveBeenCalledTimes(1);
  });

  it('honours Retry-After and stops waiting on abort', async () => {
    const started = Date.now();
    const attempt = vi.fn().mockRejectedValueOnce(retryable(30)).mockResolvedValue('ok');
    await withRetries(attempt, { initialDelayMs: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const controller = new AbortController();
    const pending = withRetries(() => Promise.reject(retryable(5_000)), {
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toSatisfy((error) => AbortedError.is(error));
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('computeCost', () => {
  it('prices cached input separately and knows when it cannot price', () => {
    const usage = {
      inputTokens: 1_000_000,
      outputTokens: 100_000,
      cachedInputTokens: 400_000,
      cacheWriteTokens: 0,
    };
    const prices = { m: { inputPerMillion: 2, outputPerMillion: 8, cachedInputPerMillion: 0.5 } };
    expect(computeCost(usage, 'm', prices)).toBeCloseTo(0.6 * 2 + 0.4 * 0.5 + 0.1 * 8);
    expect(computeCost(usage, 'other', prices)).toBeUndefined();
  });
});

describe('sendWithinDeadline', () => {
  it('retries under the deadline, counts attempts and maps errors', async () => {
    const { createCallDeadline } = await import('./call-deadline.js');
    const { sendWithinDeadline } = await import('./retry.js');
    const deadline = createCallDeadline({ timeoutMs: 1_000 }, 'test call');
    let attempts = 0;
    const request = vi
      .fn()
      .mockRejectedValueOnce(new Error('socket hang up'))
      .mockResolvedValue('ok');
    const result = await sendWithinDeadline(deadline, request, {
      retry: { initialDelayMs: 1 },
      onAttempt: () => {
        attempts += 1;
      },
      // The adapter's mapping decides what is retryable.
      toError: (error) => new ModelError(String(error), { isRetryable: true }),
    });
    deadline.dispose();
    expect(result).toBe('ok');
    expect(attempts).toBe(2);
    expect(request.mock.calls[0]?.[0]).toBe(deadline.signal);
  });
});
