import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';

/** The `session_id` path parameter of a route mounted under `/sessions/:sessionId`. */
export function sessionIdOf(c: Context<AppEnv>): string {
  const sessionId = c.req.param('sessionId');
  if (sessionId === undefined) throw new Error('route must be mounted under /sessions/:sessionId');
  return sessionId;
}
