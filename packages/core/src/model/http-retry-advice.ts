import { parseRetryAfter } from './retry.js';

/** A failed HTTP exchange with a model API, as far as retrying it is concerned. */
export interface HttpFailure {
  /** HTTP status; absent for a failure reported without one (an error event inside a stream). */
  status: number | undefined;
  headers?: Headers | null | undefined;
  /** Whether a failure without a status is worth retrying. Default false. */
  retryableWithoutStatus?: boolean;
}

/** What {@link httpRetryAdvice} concludes: the `ModelError` fields of the failure. */
export interface HttpRetryAdvice {
  isRetryable: boolean;
  /** How long the server asked to wait before the next attempt, when it said. */
  retryAfterMs: number | undefined;
}

/**
 * HTTP statuses worth retrying: request timeout (408), conflict or lock timeout (409), too early
 * (425), rate limited (429) and every server error (5xx, Anthropic's 529 "overloaded" included).
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
}

/**
 * Whether a failed request to a model API is worth retrying, and after how long, decided the
 * same way for every adapter: an `x-should-retry: true|false` header (OpenAI and Anthropic send
 * one) overrides {@link isRetryableStatus}; the wait is `retry-after-ms`, else `Retry-After`
 * (seconds or an HTTP date).
 */
export function httpRetryAdvice(failure: HttpFailure): HttpRetryAdvice {
  const { status, headers } = failure;
  const hint = headers?.get('x-should-retry');
  const isRetryable =
    hint === 'true' ||
    (hint !== 'false' &&
      (status === undefined ? failure.retryableWithoutStatus === true : isRetryableStatus(status)));
  return { isRetryable, retryAfterMs: retryAfterMs(headers) };
}

function retryAfterMs(headers: Headers | null | undefined): number | undefined {
  const millisHeader = headers?.get('retry-after-ms');
  const millis = millisHeader ? Number(millisHeader) : Number.NaN;
  if (Number.isFinite(millis) && millis >= 0) return millis;
  return parseRetryAfter(headers?.get('retry-after'));
}
