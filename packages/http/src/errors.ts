import {
  AgentUnavailableError,
  ConductError,
  ConfigurationError,
  ConflictError,
  IdempotencyKeyReusedError,
  NotFoundError,
  TimeoutError,
  ValidationError,
} from '@conduct/core';
import { HTTPException } from 'hono/http-exception';

/** One entry of a 422 body, in the shape FastAPI/pydantic clients expect. */
export interface ValidationDetail {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
}

/** An error that maps to an HTTP status with a `{detail}` body (and optional headers). */
export class HttpError extends Error {
  readonly status: number;
  readonly detail: string | ValidationDetail[];
  /** Response headers, e.g. `Retry-After` on a 429. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    detail: string | ValidationDetail[],
    options: { headers?: Record<string, string> } = {},
  ) {
    super(typeof detail === 'string' ? detail : `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
    this.headers = options.headers ?? {};
  }
}

/** The `detail` of a 500 for an error Conduct did not raise on purpose. */
export const INTERNAL_ERROR_DETAIL = 'Internal Server Error';

/** An error as an HTTP answer; `unexpected` when it is a bug to log, not a client's mistake. */
export interface HttpErrorResponse {
  status: number;
  body: { detail: unknown };
  /** Response headers the error asks for (e.g. `Retry-After` on a 429). */
  headers?: Readonly<Record<string, string>>;
  unexpected?: true;
}

/**
 * The one place where errors become HTTP responses (docs/architecture.md#house-rules): unknown ids
 * → 404, bad input → 422 with a detail list, taken custom ids → 409, timeouts → 504, Conduct's
 * other errors → 500 with their message. Anything else (a database or runtime error) → 500 with a
 * generic detail: its text would tell a client about the internals, so only the server's log gets
 * it. An idempotency key reused for a different request is a 422, as the IETF Idempotency-Key draft
 * asks (its 409 is for a request still in flight, which the store serializes instead).
 */
export function toHttpResponse(error: unknown): HttpErrorResponse {
  if (error instanceof HttpError) {
    return { status: error.status, body: { detail: error.detail }, headers: error.headers };
  }
  if (error instanceof HTTPException) {
    return { status: error.status, body: { detail: error.message } };
  }
  if (NotFoundError.is(error)) return { status: 404, body: { detail: error.message } };
  if (ValidationError.is(error)) {
    return {
      status: 422,
      body: {
        detail: error.issues.length
          ? error.issues.map((issue) => ({
              type: issue.type,
              loc: ['body', ...issue.path],
              msg: issue.message,
            }))
          : [{ type: 'value_error', loc: ['body'], msg: error.message }],
      },
    };
  }
  if (IdempotencyKeyReusedError.is(error)) {
    return {
      status: 422,
      body: {
        detail: `The Idempotency-Key '${error.key}' was already used in this session for a different request; send a new key for a new request`,
      },
    };
  }
  if (ConflictError.is(error)) return { status: 409, body: { detail: error.message } };
  if (AgentUnavailableError.is(error)) return { status: 409, body: { detail: error.message } };
  if (TimeoutError.is(error)) return { status: 504, body: { detail: 'Request timed out' } };
  if (ConfigurationError.is(error)) return { status: 500, body: { detail: error.message } };
  if (ConductError.isInstance(error)) return { status: 500, body: { detail: error.message } };
  return { status: 500, body: { detail: INTERNAL_ERROR_DETAIL }, unexpected: true };
}
