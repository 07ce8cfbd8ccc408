import { NO_TRACE_ID } from '../domain/event.js';
import { trimSessionState } from '../engine/session-state-trim.js';
import { ValidationError } from '../errors/errors.js';
import type { StoreTransaction } from '../store/unit-of-work.js';
import { nowIso } from '../util/time.js';

/** `minOffset` does not start a turn: events of one turn are deleted together or not at all. */
export class TraceBoundaryError extends ValidationError {
  /** Where the turn that holds `minOffset` starts: delete from there instead. */
  readonly firstOffset: number;

  constructor(options: { minOffset: number; traceId: string; firstOffset: number }) {
    const { minOffset, traceId, firstOffset } = options;
    const message = `Event at offset ${minOffset} is not the first event of its trace (trace_id='${traceId}' starts at offset ${firstOffset}); delete from offset ${firstOffset} instead`;
    super(message, [{ path: ['minOffset'], type: 'trace_boundary', message }]);
    this.firstOffset = firstOffset;
  }
}

/**
 * Soft-deletes every event of a session from `minOffset` on, and makes the engine forget what
 * it remembered from the deleted turns (`trimSessionState`). `minOffset` must be where a trace
 * starts (else {@link TraceBoundaryError}); events outside any trace are not grouped.
 */
export async function deleteEventsFrom(
  tx: StoreTransaction,
  sessionId: string,
  minOffset: number,
): Promise<void> {
  const doomed = await tx.events.list(sessionId, { minOffset });
  const [target] = doomed;
  if (target !== undefined && target.offset === minOffset && target.traceId !== NO_TRACE_ID) {
    const [first] = await tx.events.list(sessionId, { traceId: target.traceId });
    if (first !== undefined && first.offset < target.offset) {
      throw new TraceBoundaryError({
        minOffset,
        traceId: target.traceId,
        firstOffset: first.offset,
      });
    }
  }
  await tx.events.deleteFrom(sessionId, minOffset);
  const deletedTraceIds = new Set(
    doomed.map((event) => event.traceId).filter((traceId) => traceId !== NO_TRACE_ID),
  );
  if (deletedTraceIds.size === 0) return;
  const session = await tx.sessions.get(sessionId);
  const trim = trimSessionState({
    state: session.state,
    agentId: session.agentId,
    deletedTraceIds,
    turns: await tx.turns.list(sessionId),
    now: nowIso(),
  });
  if (trim.changed) {
    await tx.sessions.update(sessionId, {
      state: trim.state,
      ...(trim.agentId === session.agentId ? {} : { agentId: trim.agentId }),
    });
  }
}
