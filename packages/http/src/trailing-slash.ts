import type { Context } from 'hono';

/**
 * Answers a request for an unknown path that ends with `/` (e.g. `/sessions/`) with a 307 to the
 * same path without it, query string kept, as the reference server (Starlette) does; 307 keeps
 * the method and body, so a `POST /sessions/` is re-sent as `POST /sessions`. Returns
 * `undefined` for other paths.
 */
export function trailingSlashRedirect(c: Context): Response | undefined {
  const url = new URL(c.req.url);
  if (url.pathname.length <= 1 || !url.pathname.endsWith('/')) return undefined;
  const location = `${url.pathname.replace(/\/+$/, '') || '/'}${url.search}`;
  return c.redirect(location, 307);
}
