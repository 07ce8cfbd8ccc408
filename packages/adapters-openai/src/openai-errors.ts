import {
  AbortedError,
  ConductError,
  errorMessage,
  httpRetryAdvice,
  ModelError,
} from '@conduct/core';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

/** Who made a call, for error messages and `ModelError` fields. */
export interface CallInfo {
  task: string;
  model: string;
  /** e.g. `openai call for task 'actionable' (model gpt-4.1-mini)`. */
  operation: string;
}

/** The {@link CallInfo} of one call. */
export function callInfo(provider: string, model: string, task: string): CallInfo {
  return { task, model, operation: `${provider} call for task '${task}' (model ${model})` };
}

/**
 * Maps what the SDK (or `fetch`) threw to Conduct's errors: HTTP errors become `ModelError`s
 * with `status`, `retryAfterMs` and `isRetryable` as core's `httpRetryAdvice` decides (408, 409,
 * 425, 429 and 5xx are retried, unless `x-should-retry` says otherwise); connection failures
 * retryable `ModelError`s; a user abort `AbortedError`. Conduct errors pass unchanged.
 */
export function toConductError(error: unknown, info: CallInfo): unknown {
  if (ConductError.isInstance(error)) return error;
  const details = { task: info.task, model: info.model };
  if (error instanceof APIUserAbortError) {
    return new AbortedError(info.operation, { cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new ModelError(
      `${info.operation} failed: the request timed out`,
      { ...details, isRetryable: true },
      { cause: error },
    );
  }
  if (error instanceof APIConnectionError) {
    const reason = error.cause instanceof Error ? `${error.message} (${error.cause.message})` : '';
    return new ModelError(
      `${info.operation} failed: could not reach the server${reason ? `: ${reason}` : ''}`,
      { ...details, isRetryable: true },
      { cause: error },
    );
  }
  if (error instanceof APIError) {
    const status = error.status;
    // No status: an error event inside a stream; only a server-side failure is worth retrying.
    const { isRetryable, retryAfterMs } = httpRetryAdvice({
      status,
      headers: error.headers,
      retryableWithoutStatus: error.type === 'server_error',
    });
    return new ModelError(
      `${info.operation} failed: ${error.message}`,
      {
        ...details,
        ...(status !== undefined ? { status } : {}),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        isRetryable,
      },
      { cause: error },
    );
  }
  const message = errorMessage(error);
  return new ModelError(`${info.operation} failed: ${message}`, details, { cause: error });
}

/** A response that does not have the shape of the API (a broken compatible server). */
export function malformed(info: CallInfo, what: string): ModelError {
  return new ModelError(`${info.operation} failed: the server sent ${what}`, {
    task: info.task,
    model: info.model,
  });
}

/**
 * True when a server turned down the `json_schema` response format itself (rather than the
 * prompt): the signal for `auto` mode to switch to JSON mode.
 */
export function isResponseFormatRejection(error: unknown): boolean {
  if (!ModelError.is(error) || error.isRetryable) return false;
  if (![400, 404, 415, 422, 501].includes(error.status ?? 0)) return false;
  return /response_format|json_schema|json schema|structured output/i.test(error.message);
}
