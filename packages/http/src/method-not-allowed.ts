import type { Context, Hono } from 'hono';
import type { AppEnv } from './app-env.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * The methods `app` serves at `path`, in a stable order (`HEAD` beside `GET`, which Hono
 * answers for it). Asks the app's own router, so it matches exactly as a request would;
 * middleware (registered for every method) does not count.
 */
export function allowedMethods(app: Hono<AppEnv>, path: string): string[] {
  const allowed: string[] = [];
  for (const method of METHODS) {
    const [matches] = app.router.match(method, path);
    if (matches.some(([[, route]]) => route.method === method)) {
      allowed.push(...(method === 'GET' ? ['GET', 'HEAD'] : [method]));
    }
  }
  return allowed;
}

/**
 * A 405 `{"detail":"Method Not Allowed"}` with an `Allow` header when `app` serves the request's
 * path with other methods, as the reference server (Starlette) answers; `undefined` when no route
 * has that path (a 404).
 */
export function methodNotAllowed(app: Hono<AppEnv>, c: Context): Response | undefined {
  const allowed = allowedMethods(app, c.req.path);
  if (allowed.length === 0) return undefined;
  return c.json({ detail: 'Method Not Allowed' }, 405, { allow: allowed.join(', ') });
}
