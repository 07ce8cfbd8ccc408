import { type Event, isMessageComplete } from '../domain/event.js';
import { NotFoundError } from '../errors/errors.js';
import type { EventStore } from '../store/event-store.js';
import type { ConductStore } from '../store/ports.js';
import { errorMessage } from '../util/error-message.js';
import { finalReadyData } from './ready-data.js';
import type { TurnOutcome, TurnRequest, TurnStart } from './session-runtime.js';

/** The `exception` of the `error` status that marks a turn a crash interrupted. */
export const INTERRUPTED_TURN_MESSAGE =
  'InterruptedTurn: the turn was interrupted (the server stopped) before it completed';

/** The start of the `exception` of a turn that could not start: its session's lock failed. */
export const LOCK_FAILED_PREFIX = "SessionLockError: could not take the session's lock";

/**
 * Closes a turn that a crash left unfinished without running it: `error` then `ready`, in the
 * message's trace, committed together — so clients stop waiting and the customer can write again.
 * A session a human took over (manual mode) meanwhile is left alone: `silent`.
 */
export async function markInterrupted(store: ConductStore, start: TurnStart): Promise<TurnOutcome> {
  const closed = await closeWithError(
    store,
    start.sessionId,
    start.traceId,
    INTERRUPTED_TURN_MESSAGE,
  );
  if (!closed) return { status: 'silent', traceId: start.traceId };
  return { status: 'failed', traceId: start.traceId, error: INTERRUPTED_TURN_MESSAGE };
}

/**
 * Closes a turn whose session lock could not be taken (the store is failing) with `error` then
 * `ready`, so its message does not wait without any status — unless a newer customer message
 * took over, its turn already completed, or the session is in manual mode. Runs without the
 * lock, so it writes nothing else.
 */
export async function closeUnstartedTurn(
  store: ConductStore,
  sessionId: string,
  request: TurnRequest,
  error: unknown,
): Promise<void> {
  if (request.messageOffset !== undefined) {
    const latest = await store.events.latestCustomerMessage(sessionId);
    if (latest === undefined || latest.completed) return;
    if (latest.event.offset !== request.messageOffset) return;
  }
  const reason = errorMessage(error);
  await closeWithError(store, sessionId, request.traceId, `${LOCK_FAILED_PREFIX}: ${reason}`);
}

/** Writes `error` then `ready` in one transaction; false when the session is manual or gone. */
async function closeWithError(
  store: ConductStore,
  sessionId: string,
  traceId: string,
  exception: string,
): Promise<boolean> {
  try {
    return await store.transaction(async (tx) => {
      // Checked at the last moment, in the transaction that writes: a human may have taken over
      // since the turn was found unfinished.
      const session = await tx.sessions.get(sessionId);
      if (session.mode === 'manual') return false;
      const envelope = { kind: 'status', source: 'ai_agent', traceId } as const;
      await tx.events.append(sessionId, {
        ...envelope,
        data: { status: 'error', data: { exception } },
      });
      await tx.events.append(sessionId, {
        ...envelope,
        data: { status: 'ready', data: finalReadyData() },
      });
      return true;
    });
  } catch (error) {
    if (NotFoundError.is(error)) return false;
    throw error;
  }
}

/**
 * Withdraws what an earlier, interrupted attempt of this turn left cut off: a streamed agent
 * reply in the message's trace whose `chunks` never ended with `null` (the process died while
 * writing it). Each one gets `superseded: true` in its data and is soft-deleted, so the trace
 * shows one answer — the resumed attempt's reply, or the mark's `error` — and listings, the
 * widget and the next prompt leave the fragment out; it stays readable by id. Runs under the
 * session's lock, so no live turn is writing such a message. Returns `history` without them.
 */
export async function withdrawCutOffReplies(
  events: EventStore,
  start: Pick<TurnStart, 'sessionId' | 'traceId' | 'messageOffset'>,
  history: Event[],
): Promise<Event[]> {
  if (start.messageOffset === undefined) return history;
  const after = start.messageOffset;
  const cutOff = history.filter(
    (event) =>
      event.offset > after &&
      event.traceId === start.traceId &&
      event.kind === 'message' &&
      event.source === 'ai_agent' &&
      !isMessageComplete(event.data),
  );
  if (cutOff.length === 0) return history;
  for (const event of cutOff) {
    if (event.kind !== 'message') continue;
    await events.update(start.sessionId, event.id, {
      data: { ...event.data, superseded: true },
      deleted: true,
    });
  }
  const withdrawn = new Set(cutOff.map((event) => event.id));
  return history.filter((event) => !withdrawn.has(event.id));
}
