import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import {
  AbortedError,
  ConductError,
  errorMessage,
  ModelError,
  parseRetryAfter,
} from '@conduct/core';

/** Task and model a failed call was made for, copied onto the `ModelError`. */
export interface ErrorContext {
  task: string;
  model: string;
}

// Mid-stream `error` events carry no HTTP status, only the error type; these are the statuses
// Anthropic uses for the same types, so a stream error looks like the HTTP one.
const STATUS_BY_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

/**
 * Maps whatever the SDK threw to a Conduct error: HTTP 429, 529, other 5xx and 408 and
 * connection failures become retryable `ModelError`s (with `retryAfterMs` from
 * `retry-after-ms` / `Retry-After`), other 4xx non-retryable ones; an `x-should-retry`
 * header from Anthropic overrides the status rule. Conduct errors pass through unchanged.
 */
export function toConductError(error: unknown, context: ErrorContext): unknown {
  if (ConductError.isInstance(error)) return error;
  const where = `Anthropic model '${context.model}' (task '${context.task}')`;
  const details = { task: context.task, model: context.model };
  if (error instanceof APIUserAbortError) {
    return new AbortedError(`A call to ${where}`, { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new ModelError(
      `Could not reach ${where}: ${error.message}`,
      { ...details, isRetryable: true },
      { cause: error },
    );
  }
  if (error instanceof APIError) {
    const type = error.type ?? undefined;
    const status = error.status ?? (type === undefined ? undefined : STATUS_BY_TYPE[type]);
    const label = [status, type].filter((part) => part !== undefined).join(' ');
    return new ModelError(
      `${where} failed${label ? ` (${label})` : ''}: ${error.apiMessage ?? error.message}`,
      {
        ...details,
        ...(status === undefined ? {} : { status }),
        isRetryable: isRetryable(status, error.headers),
        ...retryAfter(error.headers),
      },
      { cause: error },
    );
  }
  const reason = errorMessage(error);
  return new ModelError(`${where} failed: ${reason}`, details, { cause: error });
}

function isRetryable(status: number | undefined, headers: Headers | undefined): boolean {
  const advice = headers?.get('x-should-retry');
  if (advice === 'true') return true;
  if (advice === 'false') return false;
  if (status === undefined) return false;
  return status === 408 || status === 429 || status >= 500;
}

function retryAfter(headers: Headers | undefined): { retryAfterMs?: number } {
  const millisHeader = headers?.get('retry-after-ms');
  const millis = millisHeader ? Number(millisHeader) : Number.NaN;
  const retryAfterMs =
    Number.isFinite(millis) && millis >= 0 ? millis : parseRetryAfter(headers?.get('retry-after'));
  return retryAfterMs === undefined ? {} : { retryAfterMs };
}
