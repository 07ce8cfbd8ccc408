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
 * `HttpError(429)` when a rate limit is exceeded; return to allow. Routes ask before they
 * validate the request, so a denied caller gets 403 whatever it sent.
 */
export interface AuthPolicy {
  /** Called at the start of every route with the route's operation. */
  authorize(c: Context, operation: Operation): void | Promise<void>;
  /**
   * Called by session-scoped routes (one session, its events, its traces) right after the session
   * is loaded and before the request is validated, so a policy can check ownership. To keep
   * session ids from being probed, deny with `@conduct/core`'s `NotFoundError('session', id)`
   * (the 404 of a missing session) rather than 403. Optional; omitted means allowed.
   */
  authorizeSession?(c: Context, operation: Operation, session: Session): void | Promise<void>;
  /** How the policy appears in the OpenAPI document. Omitted: the API is documented as open. */
  readonly docs?: AuthPolicyDocs;
  /**
   * CORS origins this policy is meant for, used when the app is not given `corsOrigins`.
   * Omitted: `*`, as the reference.
   */
  readonly corsOrigins?: CorsOrigins;
}

/**
 * Which browser origins may call the API: `*` (any), `loopback` (pages served from this machine:
 * `localhost`, `127.x.x.x`, `[::1]`, any port), a list of exact origins
 * (`https://shop.example.com`), or a function deciding.
 */
export type CorsOrigins = '*' | 'loopback' | readonly string[] | ((origin: string) => boolean);

/** An OpenAPI security requirement: scheme name → scopes (`{}` means "no credentials"). */
export type SecurityRequirement = Record<string, string[]>;

/** What an {@link AuthPolicy} tells the OpenAPI document. */
export interface AuthPolicyDocs {
  /** OpenAPI `components.securitySchemes`. */
  securitySchemes: Record<string, Record<string, unknown>>;
  /** Requirements of one operation; any one suffices. `[]` means nobody (always 403). */
  security(operation: Operation): SecurityRequirement[];
  /** Whether some requests are rate limited (documents 429). */
  rateLimited: boolean;
}

/**
 * Development: everything is allowed (bind the server to loopback when using it). Its CORS
 * default is `loopback`: only pages served from this machine may call the API from a browser,
 * so a web page the developer happens to visit cannot drive it.
 */
export const devAuthPolicy: AuthPolicy = { authorize: () => {}, corsOrigins: 'loopback' };

/**
 * Denies with the reference's 403 body shape. Unlike the reference, the request headers are not
 * echoed (they carry credentials).
 */
export function deny(operation: Operation): never {
  throw new HttpError(403, `Authorization failed: OPERATION=${operation}`);
}
