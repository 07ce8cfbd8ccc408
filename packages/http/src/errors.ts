import {
  ConductError,
  ConfigurationError,
  ConflictError,
  IdempotencyKeyReusedError,
  NotFoundError,
  TimeoutError,
  ValidationError,
} from '@conduct/core';

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

/**
 * The one place where errors become HTTP responses (DESIGN §2): unknown ids → 404, bad input →
 * 422 with a detail list, taken custom ids → 409, timeouts → 504, anything else → 500.
 * An idempotency key reused for a different request is a 422, as the IETF Idempotency-Key
 * draft asks (its 409 is for a request still in flight, which the store serializes instead).
 */
export function toHttpResponse(error: unknown): {
  status: number;
  body: { detail: unknown };
  headers?: Readonly<Record<string, string>>;
} {
  if (error instanceof HttpError) {
    return { status: error.status, body: { detail: error.detail }, headers: error.headers };
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
  if (TimeoutError.is(error)) return { status: 504, body: { detail: 'Request timed out' } };
  if (ConfigurationError.is(error)) return { status: 500, body: { detail: error.message } };
  if (ConductError.isInstance(error)) return { status: 500, body: { detail: error.message } };
  return { status: 500, body: { detail: error instanceof Error ? error.message : String(error) } };
}
