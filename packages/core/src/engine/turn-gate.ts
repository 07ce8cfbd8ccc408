import { PREAMBLE_TAG } from '../domain/common.js';
import type { Event } from '../domain/event.js';
import { NotFoundError } from '../errors/errors.js';
import type { EventStore } from '../store/event-store.js';
import { turnCompletedIn } from '../store/turn-completion.js';
import type { TurnOutcome, TurnStart } from './session-runtime.js';

/**
 * What a turn that holds its session should do, decided from the log (every process shares
 * it): `skip` with an outcome when a newer customer message exists (its own scheduled turn
 * answers it) or a turn already completed for this message (another process, or before a
 * restart); otherwise `run`, watching for customer messages after `watchFrom`.
 *
 * It reads the whole log once — the read the turn needs anyway for its conversation, so the
 * turn takes it as its `history` instead of reading the log again.
 */
export async function gateTurn(
  events: EventStore,
  start: TurnStart,
): Promise<{ skip: TurnOutcome } | { watchFrom: number; history: Event[] }> {
  const { sessionId, traceId, messageOffset } = start;
  let history: Event[];
  try {
    history = await events.list(sessionId);
  } catch (error) {
    if (NotFoundError.is(error)) return { skip: { status: 'silent', traceId } };
    throw error;
  }
  const index = history.findLastIndex(
    (event) => event.kind === 'message' && event.source === 'customer',
  );
  const latest = history[index];
  const newest = latest?.offset ?? -1;
  if (messageOffset !== undefined && newest > messageOffset) {
    return { skip: { status: 'superseded', traceId } };
  }
  if (messageOffset !== undefined && latest !== undefined) {
    const later = history.slice(index + 1);
    if (turnCompletedIn(later, latest.traceId)) return { skip: outcomeFromLog(later, latest) };
  }
  return { watchFrom: newest + 1, history };
}

/** How the turn that answered `message` ended, read from the events after it (`later`). */
function outcomeFromLog(later: readonly Event[], message: Event): TurnOutcome {
  const { traceId } = message;
  // Only the message's own trace: a turn of another trace may have ended after it.
  const own = later.filter((event) => event.traceId === traceId);
  const reply = own.findLast(
    (event) =>
      event.kind === 'message' &&
      event.source === 'ai_agent' &&
      !(event.data.tags ?? []).includes(PREAMBLE_TAG),
  );
  if (reply !== undefined) return { status: 'answered', traceId, replyEventId: reply.id };
  const error = own.findLast((event) => event.kind === 'status' && event.data.status === 'error');
  if (error?.kind === 'status' && error.data.status === 'error') {
    return { status: 'failed', traceId, error: error.data.data.exception };
  }
  return { status: 'no-reply', traceId };
}

/**
 * Cancels the running turn (unless it committed) as soon as a customer message with
 * `offset >= fromOffset` lands — in this process or, through the store's wake-ups, in another.
 * Returns the function that stops watching.
 */
export function watchForNewerMessages(
  events: EventStore,
  sessionId: string,
  fromOffset: number,
  cancel: () => void,
): () => void {
  const stop = new AbortController();
  const watch = async () => {
    while (!stop.signal.aborted) {
      const found = await events.waitFor(
        sessionId,
        { minOffset: fromOffset, kinds: ['message'], source: 'customer' },
        // A bound, not a poll: each wait ends early on the first matching append.
        { timeoutMs: 60_000, signal: stop.signal },
      );
      if (found.length > 0) return cancel();
    }
  };
  // Stopping rejects the wait with AbortedError; a deleted session ends the watch too.
  watch().catch(() => undefined);
  return () => stop.abort();
}
