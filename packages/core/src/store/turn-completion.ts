import type { Event } from '../domain/event.js';

/** A session's newest customer message, and whether a turn completed after it. */
export interface LatestCustomerMessage {
  /** The message event (never a soft-deleted one). */
  event: Event;
  /**
   * True when a turn for the message completed: after the message, its trace holds more final
   * `ready` statuses (`data.stage: "completed"`) than `cancelled` ones (a cancelled turn ends
   * `cancelled` then `ready`; a completed, failed or marked one ends with `ready` alone). The
   * `ready {}` after a preamble is not final and does not count. A turn still running does not
   * count, nor does another trace's turn (e.g. one that committed before the message arrived and
   * ended after it).
   */
  completed: boolean;
}

/**
 * A session (in `auto` mode) whose newest customer message never got a completed turn (see
 * `completed` above), and that no human agent answered either (e.g. while the session was in
 * `manual` mode, before it was handed back).
 */
export interface UnfinishedTurn {
  sessionId: string;
  /** The customer message left without a completed turn. */
  eventId: string;
  offset: number;
  traceId: string;
  /** When the customer message was stored (ISO 8601): how long it has waited. */
  createdAt: string;
  /**
   * The position right after this turn's session, opaque: pass it as `cursor` to
   * `listUnfinishedTurns` to list the ones after it.
   */
  cursor: string;
}

/** Options of `EventStore.listUnfinishedTurns`. */
export interface UnfinishedTurnQuery {
  /** At most this many (default: all). */
  limit?: number;
  /**
   * Only sessions after this position (the `cursor` of the last turn of the previous page).
   * Sessions are ordered oldest first (creation time, then id); an invalid cursor is ignored.
   */
  cursor?: string;
}

/**
 * Whether `later` (the events after a customer message, soft-deleted ones excluded) hold a
 * completed turn in the message's trace `traceId` (see {@link LatestCustomerMessage.completed}).
 * The reference for every store's implementation.
 */
export function turnCompletedIn(later: readonly Event[], traceId: string): boolean {
  let balance = 0;
  for (const event of later) {
    if (event.kind !== 'status' || event.traceId !== traceId) continue;
    if (isFinalReady(event)) balance += 1;
    else if (event.data.status === 'cancelled') balance -= 1;
  }
  return balance > 0;
}

/** Whether `event` is the `ready` that ends a turn (not the `ready {}` after a preamble). */
export function isFinalReady(event: Event): boolean {
  return (
    event.kind === 'status' &&
    event.data.status === 'ready' &&
    'stage' in event.data.data &&
    event.data.data.stage === 'completed'
  );
}

/** Whether `later` (the live events after a customer message) hold a human agent's message. */
export function humanAnsweredIn(later: readonly Event[]): boolean {
  return later.some(
    (event) =>
      event.kind === 'message' &&
      (event.source === 'human_agent' || event.source === 'human_agent_on_behalf_of_ai_agent'),
  );
}
