import type { Event } from '../domain/event.js';

/** A session's newest customer message, and whether a turn completed after it. */
export interface LatestCustomerMessage {
  /** The message event (never a soft-deleted one). */
  event: Event;
  /**
   * True when a turn for the message completed: after the message, its trace holds more `ready`
   * statuses than `cancelled` ones (a cancelled turn ends `cancelled` then `ready`; a completed,
   * failed or marked one ends with `ready` alone). A turn still running does not count, nor does
   * another trace's turn (e.g. one that committed before the message arrived and ended after it).
   */
  completed: boolean;
}

/** A session whose newest customer message never got a completed turn (see `completed` above). */
export interface UnfinishedTurn {
  sessionId: string;
  /** The customer message left without a completed turn. */
  eventId: string;
  offset: number;
  traceId: string;
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
    if (event.data.status === 'ready') balance += 1;
    else if (event.data.status === 'cancelled') balance -= 1;
  }
  return balance > 0;
}
