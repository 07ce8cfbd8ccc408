import { PREAMBLE_TAG } from '../domain/built-in-tags.js';
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

/** Pauses between attempts of a failed watch: short, and bounded. */
const WATCH_RETRY_MS = [50, 100, 200, 400, 800, 1000] as const;

/**
 * Cancels the running turn (unless it committed) as soon as a customer message with
 * `offset >= fromOffset` lands — in this process or, through the store's wake-ups, in another.
 * A wait that fails (a store error) is tried again after a short pause, for as long as the turn
 * has not committed, and the failure is passed to `onError`: a watch that stopped would let a
 * message posted elsewhere get a second reply. Returns the function that stops watching.
 */
export function watchForNewerMessages(
  events: EventStore,
  start: Pick<TurnStart, 'sessionId' | 'cancel' | 'isCommitted'>,
  fromOffset: number,
  onError: (error: unknown) => void,
): () => void {
  const stop = new AbortController();
  const watching = () => !stop.signal.aborted && !start.isCommitted();
  const watch = async () => {
    let failures = 0;
    while (watching()) {
      try {
        const found = await events.waitFor(
          start.sessionId,
          { minOffset: fromOffset, kinds: ['message'], source: 'customer' },
          // A bound, not a poll: each wait ends early on the first matching append.
          { timeoutMs: 60_000, signal: stop.signal },
        );
        failures = 0;
        if (found.length > 0) return start.cancel();
      } catch (error) {
        // Stopped, or the session was deleted: nothing left to watch.
        if (stop.signal.aborted || NotFoundError.is(error)) return;
        if (!watching()) return;
        onError(error);
        const pause = WATCH_RETRY_MS[Math.min(failures, WATCH_RETRY_MS.length - 1)]!;
        failures += 1;
        await sleep(pause, stop.signal);
      }
    }
  };
  watch().catch(onError);
  return () => stop.abort();
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
