import { type Event, isMessageComplete } from '@conduct/core';
import type { Context } from 'hono';
import { z } from 'zod';
import { type AppEnv, services } from '../app-env.js';
import { eventDto } from '../dto/event.js';
import { queryBoolean, queryInteger } from '../query-types.js';
import { parseQuery } from '../validation.js';
import { waitMs } from './event-query.js';
import { sseResponse } from './sse.js';

/** Query of `GET /sessions/{id}/events/{event_id}`. */
export const readQuery = z.object({
  wait_for_completion: queryBoolean.default(false),
  wait_for_data: queryInteger.default(60),
  sse: queryBoolean.default(false),
});

/**
 * A streamed message that has not received its final (`null`) chunk yet. A deleted one never
 * will: a reply a crash cut off is deleted (`superseded: true`) when its turn is resumed or
 * marked, and that update ends the wait.
 */
export function isStreaming(event: Event): boolean {
  return event.kind === 'message' && !event.deleted && !isMessageComplete(event.data);
}

/**
 * `GET /sessions/{id}/events/{event_id}` (docs/compatibility.md#sessions-and-events,
 * #long-polling-and-sse). With `wait_for_completion`, a streamed message is awaited until its
 * chunks end with `null` or `wait_for_data` passes, and the current state is returned either way
 * (never a 504). With `sse`, the event is sent, then again on every chunk update until it is
 * complete or `wait_for_data` passes without one.
 */
export async function readEvent(
  c: Context<AppEnv>,
  sessionId: string,
  eventId: string,
): Promise<Response> {
  const query = parseQuery(c, readQuery);
  const { store } = services(c);
  const timeoutMs = waitMs(c, query.wait_for_data);
  let event = await store.events.get(sessionId, eventId);
  if (query.sse) {
    return sseResponse(c, async (send, signal) => {
      await send(eventDto(event));
      while (isStreaming(event)) {
        const next = await store.events.waitForUpdate(sessionId, eventId, event.revision, {
          timeoutMs,
          signal,
        });
        if (next.revision === event.revision) return;
        event = next;
        await send(eventDto(event));
      }
    });
  }
  if (query.wait_for_completion) {
    const deadline = Date.now() + timeoutMs;
    while (isStreaming(event) && Date.now() < deadline) {
      event = await store.events.waitForUpdate(sessionId, eventId, event.revision, {
        timeoutMs: deadline - Date.now(),
        signal: c.req.raw.signal,
      });
    }
  }
  return c.json(eventDto(event));
}
