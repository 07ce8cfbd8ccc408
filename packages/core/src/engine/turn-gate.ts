import type { Event } from '../domain/event.js';
import { NotFoundError } from '../errors/errors.js';
import type { EventStore } from '../store/event-store.js';
import type { TurnOutcome, TurnStart } from './session-runtime.js';

/**
 * What a turn that holds its session should do, decided from the log (every process shares
 * it): `skip` with an outcome when a newer customer message exists (its own scheduled turn
 * answers it) or a turn already completed for this message (another process, or before a
 * restart); otherwise `run`, watching for customer messages after `watchFrom`.
 */
export async function gateTurn(
  events: EventStore,
  start: TurnStart,
): Promise<{ skip: TurnOutcome } | { watchFrom: number }> {
  const { sessionId, traceId, messageOffset } = start;
  let latest: Awaited<ReturnType<EventStore['latestCustomerMessage']>>;
  try {
    latest = await events.latestCustomerMessage(sessionId);
  } catch (error) {
    if (NotFoundError.is(error)) return { skip: { status: 'silent', traceId } };
    throw error;
  }
  const newest = latest?.event.offset ?? -1;
  if (messageOffset !== undefined && newest > messageOffset) {
    return { skip: { status: 'superseded', traceId } };
  }
  if (messageOffset !== undefined && latest?.completed === true) {
    return { skip: await outcomeFromLog(events, sessionId, latest.event) };
  }
  return { watchFrom: newest + 1 };
}

/** How the turn that answered `message` ended, read from the log. */
async function outcomeFromLog(
  events: EventStore,
  sessionId: string,
  message: Event,
): Promise<TurnOutcome> {
  const later = await events.list(sessionId, { minOffset: message.offset + 1 });
  const reply = later.find((event) => event.kind === 'message' && event.source === 'ai_agent');
  const traceId = reply?.traceId ?? message.traceId;
  if (reply !== undefined) return { status: 'answered', traceId, replyEventId: reply.id };
  const error = later.find((event) => event.kind === 'status' && event.data.status === 'error');
  if (error?.kind === 'status' && error.data.status === 'error') {
    return { status: 'failed', traceId: error.traceId, error: error.data.data.exception };
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
