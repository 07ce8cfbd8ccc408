import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { CorsOrigins } from './auth.js';
import { HttpError } from './errors.js';

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

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * CORS for `origins`, plus server-side checks: CORS alone only stops a browser from *reading*
 * a cross-origin answer, while "simple" requests (a form POST) still run. So a request whose
 * `Origin` is neither allowed nor this server's own is refused with 403 before any route runs.
 * Under `loopback`, a request addressed to a host name that is not loopback is refused too: a
 * page that re-points its own domain at 127.0.0.1 (DNS rebinding) is same-origin to itself.
 */
export function corsMiddleware(origins: CorsOrigins): MiddlewareHandler[] {
  const guard: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    if (origins === 'loopback' && host !== undefined && !isLoopbackOrigin(`http://${host}`)) {
      throw new HttpError(
        403,
        `Host '${host}' is not a loopback name; this server (dev mode) answers only requests to localhost, 127.0.0.1 or [::1]`,
      );
    }
    if (
      origins !== '*' &&
      origin !== undefined &&
      !isAllowedOrigin(origins, origin) &&
      (origins === 'loopback' || !sameOrigin(origin, host))
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
      credentials: origins !== '*',
    }),
  ];
}

function describe(origins: CorsOrigins): string {
  if (origins === 'loopback') return 'pages served from localhost, 127.0.0.1 or [::1]';
  if (typeof origins === 'function') return 'as decided by the corsOrigins function';
  return Array.isArray(origins) ? origins.join(', ') : String(origins);
}
