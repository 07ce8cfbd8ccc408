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
  // Leading slashes collapse to one: `//evil.example/` must not become the protocol-relative
  // (off-site) location `//evil.example`.
  const path = url.pathname.replace(/\/+$/, '').replace(/^\/+/, '/') || '/';
  return c.redirect(`${path}${url.search}`, 307);
}
