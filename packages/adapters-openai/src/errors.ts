import {
  AbortedError,
  ConductError,
  errorMessage,
  ModelError,
  parseRetryAfter,
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
 * Maps what the SDK (or `fetch`) threw to Conduct's errors: HTTP 408/409/429/5xx and
 * connection failures become retryable `ModelError`s (with `status` and `retryAfterMs`), other
 * HTTP errors non-retryable ones, a user abort `AbortedError`. Conduct errors pass unchanged.
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
    const headers = error.headers;
    const retryAfterMs = retryAfter(headers);
    return new ModelError(
      `${info.operation} failed: ${error.message}`,
      {
        ...details,
        ...(status !== undefined ? { status } : {}),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        isRetryable: isRetryable(status, headers, error.type),
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

function isRetryable(
  status: number | undefined,
  headers: Headers | undefined,
  type: string | undefined,
): boolean {
  // Servers may say explicitly (OpenAI does); the SDK obeys this header too.
  const hint = headers?.get('x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  // No status: an error event inside a stream; only a server-side failure is worth retrying.
  if (status === undefined) return type === 'server_error';
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  return parseRetryAfter(headers?.get('retry-after'));
}
