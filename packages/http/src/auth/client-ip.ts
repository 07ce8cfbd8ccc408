import type { Context } from 'hono';

function first(value: string | undefined): string | undefined {
  const entry = value?.split(',')[0]?.trim();
  return entry ? entry : undefined;
}

/**
 * The client's IP as the reference determines it: the first `X-Forwarded-For` entry, then
 * `X-Real-IP`, then `CF-Connecting-IP`, then the socket's address (`@hono/node-server`);
 * `undefined` when there is none. Only trust the headers behind a proxy that sets them.
 */
export function clientIp(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return (
    first(c.req.header('x-forwarded-for')) ??
    first(c.req.header('x-real-ip')) ??
    first(c.req.header('cf-connecting-ip')) ??
    env?.incoming?.socket?.remoteAddress ??
    undefined
  );
}
