import type { Session } from '@conduct/core';
import type { Context } from 'hono';
import { HttpError } from './errors.js';

/**
 * Operation names, one per route, as in the reference's authorization model (e.g. `READ_AGENT`,
 * `CREATE_CUSTOMER_EVENT`). Policies decide per operation.
 */
export type Operation = string;

/**
 * Decides whether a request may perform an operation. Throw `HttpError(403)` to deny or
 * `HttpError(429)` when a rate limit is exceeded; return to allow.
 */
export interface AuthPolicy {
  /** Called at the start of every route with the route's operation. */
  authorize(c: Context, operation: Operation): void | Promise<void>;
  /**
   * Called by session-scoped routes (one session, its events, its traces) right after the session
   * is loaded, so a policy can check ownership. Optional; omitted means allowed.
   */
  authorizeSession?(c: Context, operation: Operation, session: Session): void | Promise<void>;
}

/** Development: everything is allowed (bind the server to loopback when using it). */
export const devAuthPolicy: AuthPolicy = { authorize: () => {} };

/**
 * Denies with the reference's 403 body shape. Unlike the reference, the request headers are not
 * echoed (they carry credentials).
 */
export function deny(operation: Operation): never {
  throw new HttpError(403, `Authorization failed: OPERATION=${operation}`);
}
