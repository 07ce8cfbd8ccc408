import type { EventFilter } from '@conduct/core';
import type { Context } from 'hono';
import { type AppEnv, services } from '../app-env.js';
import { eventDto } from '../dto/event.js';
import { sseResponse } from './sse.js';

/**
 * `GET /sessions/{id}/events?sse=true` (docs/compatibility.md#long-polling-and-sse): waits up to
 * `idleMs` for events at or after the current offset, sends each as `data: <EventDTO>`, advances,
 * and repeats; closes after `idleMs` without events, when the session is deleted or when the client
 * disconnects. Like the reference, it sends new offsets only; `/events/stream` also sends in-place
 * updates.
 */
export async function streamEventsSse(
  c: Context<AppEnv>,
  sessionId: string,
  filter: EventFilter,
  idleMs: number,
): Promise<Response> {
  const { store } = services(c);
  await store.sessions.get(sessionId);
  return sseResponse(c, async (send, signal) => {
    let minOffset = filter.minOffset;
    for (;;) {
      const events = await store.events.waitFor(
        sessionId,
        { ...filter, ...(minOffset === undefined ? {} : { minOffset }) },
        { timeoutMs: idleMs, signal },
      );
      const last = events.at(-1);
      if (last === undefined) return;
      for (const event of events) await send(eventDto(event));
      minOffset = last.offset + 1;
    }
  });
}
