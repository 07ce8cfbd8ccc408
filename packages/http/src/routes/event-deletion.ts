import { type ConductStore, NO_TRACE_ID, trimSessionState } from '@conduct/core';
import { HttpError } from '../errors.js';

/**
 * `DELETE /sessions/{id}/events?min_offset=N` (docs/compatibility.md#sessions-and-events):
 * soft-deletes every event from offset N on. A turn's events stand or fall together, so N must be
 * where a trace starts: if an earlier, undeleted event shares the trace of the event at N, it is a
 * 422 that names the offset to use instead. Events outside any trace (`<main>`) are not grouped.
 * Afterwards the engine forgets what it remembered from the deleted turns (`trimSessionState`).
 */
export async function deleteEventsFrom(
  store: ConductStore,
  sessionId: string,
  minOffset: number,
): Promise<void> {
  const doomed = await store.events.list(sessionId, { minOffset });
  const [target] = doomed;
  if (target !== undefined && target.offset === minOffset && target.traceId !== NO_TRACE_ID) {
    const [first] = await store.events.list(sessionId, { traceId: target.traceId });
    if (first !== undefined && first.offset < target.offset) {
      throw new HttpError(
        422,
        `Event at offset ${minOffset} is not the first event of its trace (trace_id='${target.traceId}' starts at offset ${first.offset}); delete from offset ${first.offset} instead`,
      );
    }
  }
  await store.events.deleteFrom(sessionId, minOffset);
  const deletedTraceIds = new Set(
    doomed.map((event) => event.traceId).filter((traceId) => traceId !== NO_TRACE_ID),
  );
  if (deletedTraceIds.size === 0) return;
  const session = await store.sessions.get(sessionId);
  const trim = trimSessionState({
    state: session.state,
    agentId: session.agentId,
    deletedTraceIds,
    turns: await store.turns.list(sessionId),
    now: new Date().toISOString(),
  });
  if (trim.changed) {
    await store.sessions.update(sessionId, {
      state: trim.state,
      ...(trim.agentId === session.agentId ? {} : { agentId: trim.agentId }),
    });
  }
}
