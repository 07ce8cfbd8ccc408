import { AbortedError, type EventFilter } from '@conduct/core';
import type { Context } from 'hono';
import { type AppEnv, services } from '../app-env.js';
import { eventDto } from '../dto/event.js';
import { HttpError } from '../errors.js';

/**
 * The long-poll of `GET /sessions/{id}/events` (docs/compatibility.md#long-polling-and-sse):
 * answers at once with every matching event if there is one (or when `timeoutMs` is 0), else waits
 * on store notifications and answers with all matching events as soon as one appears; 504 when none
 * does in time. The session is checked first, so an unknown one is a 404 without waiting.
 */
export async function longPollEvents(
  c: Context<AppEnv>,
  sessionId: string,
  filter: EventFilter,
  timeoutMs: number,
): Promise<Response> {
  const { store } = services(c);
  await store.sessions.get(sessionId);
  if (timeoutMs <= 0) return c.json((await store.events.list(sessionId, filter)).map(eventDto));
  try {
    const events = await store.events.waitFor(sessionId, filter, {
      timeoutMs,
      signal: c.req.raw.signal,
    });
    if (events.length === 0) throw new HttpError(504, 'Request timed out');
    return c.json(events.map(eventDto));
  } catch (error) {
    // The client went away; nobody reads this, but it is what the reference answers.
    if (AbortedError.is(error)) return c.body(null, 503);
    throw error;
  }
}
