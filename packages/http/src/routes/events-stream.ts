import type { ConductStore, Event } from '@conduct/core';
import type { Context } from 'hono';
import { z } from 'zod';
import { type AppEnv, services } from '../app-env.js';
import { eventDto } from '../dto/event.js';
import { queryInteger } from '../query-types.js';
import { parseQuery } from '../validation.js';
import { waitMs } from './event-query.js';
import { isStreaming } from './event-read.js';
import { sseResponse } from './sse.js';

/** Query of `GET /sessions/{id}/events/stream`. */
export const streamQuery = z.object({
  min_offset: queryInteger.default(0),
  wait_for_data: queryInteger.default(60),
});

/** Resolves `true` as soon as one wait does, `false` once all resolved `false`. */
function firstTrue(waits: Promise<boolean>[]): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let pending = waits.length;
    for (const wait of waits) {
      wait.then((changed) => {
        pending -= 1;
        if (changed || pending === 0) resolve(changed);
      }, reject);
    }
  });
}

/** Waits until an event at or after `next` exists or a watched message changes. */
async function nextChange(
  store: ConductStore,
  sessionId: string,
  next: number,
  watched: ReadonlyMap<string, number>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal.addEventListener('abort', abort, { once: true });
  const options = { timeoutMs, signal: controller.signal };
  try {
    return await firstTrue([
      store.events
        .waitFor(sessionId, { minOffset: next }, options)
        .then((found) => found.length > 0),
      ...[...watched].map(([id, revision]) =>
        store.events
          .waitForUpdate(sessionId, id, revision, options)
          .then((event) => event.revision > revision),
      ),
    ]);
  } finally {
    signal.removeEventListener('abort', abort);
    // Stops the waits that lost the race.
    controller.abort();
  }
}

/**
 * `GET /sessions/{id}/events/stream` — a Conduct extension beside the reference's SSE: every
 * event of the session from `min_offset` on (default 0, deleted ones excluded) as
 * `data: <EventDTO + revision>`, sent when it is appended and **again whenever a streamed
 * message changes in place**, so a front end can render replies token by token. Clients keep
 * the latest version per `id` (`revision` grows with every update; `data.message` holds the
 * text so far and the message is complete when `data.chunks` ends with `null`). Closes after
 * `wait_for_data` seconds (default 60, capped) without any change, when the session is deleted
 * or when the client disconnects.
 */
export async function streamSessionChanges(
  c: Context<AppEnv>,
  sessionId: string,
): Promise<Response> {
  const query = parseQuery(c, streamQuery);
  const idleMs = waitMs(c, query.wait_for_data);
  const { store } = services(c);
  await store.sessions.get(sessionId);
  return sseResponse(c, async (send, signal) => {
    let next = Math.max(0, query.min_offset);
    const watched = new Map<string, number>();
    const emit = async (event: Event) => {
      await send({ ...eventDto(event), revision: event.revision });
      if (isStreaming(event)) watched.set(event.id, event.revision);
      else watched.delete(event.id);
    };
    for (;;) {
      for (const [id, revision] of watched) {
        const event = await store.events.get(sessionId, id);
        if (event.revision > revision) await emit(event);
      }
      const appended = await store.events.list(sessionId, { minOffset: next });
      for (const event of appended) await emit(event);
      const last = appended.at(-1);
      if (last !== undefined) next = last.offset + 1;
      if (!(await nextChange(store, sessionId, next, watched, idleMs, signal))) return;
    }
  });
}
