import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { CorsOrigins } from './auth.js';
import { HttpError } from './errors.js';
import { IDEMPOTENT_REPLAYED_HEADER } from './routes/idempotency-key.js';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** True for an origin served from this machine: `localhost` (and `*.localhost`), `127.x.x.x`, `[::1]`. */
export function isLoopbackOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return (
    LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host)
  );
}

/** Whether a browser page from `origin` may call the API under `origins`. */
export function isAllowedOrigin(origins: CorsOrigins, origin: string): boolean {
  if (origins === '*') return true;
  if (origins === 'loopback') return isLoopbackOrigin(origin);
  if (typeof origins === 'function') return origins(origin);
  return origins.includes(origin);
}

function firstEntry(value: string | undefined): string | undefined {
  const entry = value?.split(',')[0]?.trim();
  return entry ? entry : undefined;
}

/**
 * Whether `origin` is the server's own: the `Host` the request was sent to, or the host a
 * reverse proxy says the browser used (`X-Forwarded-Host`). Trusting the latter cannot let a
 * foreign page in: a browser only adds that header to a cross-site request after a preflight,
 * and the preflight (which carries no header values) is judged on `Host` alone.
 */
function sameOrigin(origin: string, hosts: readonly (string | undefined)[]): boolean {
  let own: string;
  try {
    own = new URL(origin).host;
  } catch {
    return false;
  }
  return hosts.some((host) => host !== undefined && own === host.toLowerCase());
}

/** Options of {@link corsMiddleware}. */
export interface CorsGuardOptions {
  /**
   * Answer only requests addressed to a loopback host name, whatever `origins` says (the
   * unauthenticated dev policy; also implied by `origins: 'loopback'`). A reverse proxy's
   * `X-Forwarded-Host` must be loopback too: the API must not be reachable from outside.
   */
  loopbackHostsOnly?: boolean;
}

/**
 * CORS for `origins`, plus server-side checks: CORS alone only stops a browser from *reading*
 * a cross-origin answer, while "simple" requests (a form POST) still run. So a request whose
 * `Origin` is neither allowed nor this server's own is refused with 403 before any route runs.
 * Under `loopback`, a request addressed to a host name that is not loopback is refused too: a
 * page that re-points its own domain at 127.0.0.1 (DNS rebinding) is same-origin to itself.
 */
export function corsMiddleware(
  origins: CorsOrigins,
  options: CorsGuardOptions = {},
): MiddlewareHandler[] {
  const loopbackOnly = origins === 'loopback' || options.loopbackHostsOnly === true;
  const guard: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    const forwardedHosts = c.req.header('x-forwarded-host');
    if (loopbackOnly) {
      const hosts = [host, ...(forwardedHosts?.split(',') ?? [])].map((name) => name?.trim());
      const foreign = hosts.find(
        (name) => name !== undefined && !isLoopbackOrigin(`http://${name}`),
      );
      if (foreign !== undefined) {
        throw new HttpError(
          403,
          `Host '${foreign}' is not a loopback name; this server (dev mode, no authentication) answers only requests to localhost, 127.0.0.1 or [::1]; use an auth policy with credentials to serve other hosts`,
        );
      }
    }
    if (
      origins !== '*' &&
      origin !== undefined &&
      !isAllowedOrigin(origins, origin) &&
      (origins === 'loopback' || !sameOrigin(origin, [host, firstEntry(forwardedHosts)]))
    ) {
      throw new HttpError(
        403,
        `Origin '${origin}' is not allowed to call this API (allowed: ${describe(origins)}); configure the app's corsOrigins (CONDUCT_CORS_ORIGINS for the server)`,
      );
    }
    await next();
  };
  return [
    guard,
    cors({
      origin:
        origins === '*' ? '*' : (origin) => (isAllowedOrigin(origins, origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      // Request headers (Idempotency-Key among them) are allowed as the preflight asks.
      // Not CORS-safelisted: without these a browser client cannot read them.
      exposeHeaders: [IDEMPOTENT_REPLAYED_HEADER, 'Retry-After'],
      credentials: origins !== '*',
    }),
  ];
}

function describe(origins: CorsOrigins): string {
  if (origins === 'loopback') return 'pages served from localhost, 127.0.0.1 or [::1]';
  if (typeof origins === 'function') return 'as decided by the corsOrigins function';
  return Array.isArray(origins) ? origins.join(', ') : String(origins);
}
