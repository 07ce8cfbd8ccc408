import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import {
  AbortedError,
  ConductError,
  errorMessage,
  httpRetryAdvice,
  ModelError,
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
 * Maps whatever the SDK threw to a Conduct error: HTTP errors become `ModelError`s with
 * `status`, `retryAfterMs` and `isRetryable` as core's `httpRetryAdvice` decides (408, 409, 425,
 * 429, 529 and other 5xx are retried, unless Anthropic's `x-should-retry` says otherwise);
 * connection failures retryable `ModelError`s. Conduct errors pass through unchanged.
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
    const { isRetryable, retryAfterMs } = httpRetryAdvice({ status, headers: error.headers });
    return new ModelError(
      `${where} failed${label ? ` (${label})` : ''}: ${error.apiMessage ?? error.message}`,
      {
        ...details,
        ...(status === undefined ? {} : { status }),
        isRetryable,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      },
      { cause: error },
    );
  }
  const reason = errorMessage(error);
  return new ModelError(`${where} failed: ${reason}`, details, { cause: error });
}
