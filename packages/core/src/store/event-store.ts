import type { Event, EventKind, EventSource, NewEvent } from '../domain/event.js';
import type {
  LatestCustomerMessage,
  UnfinishedTurn,
  UnfinishedTurnQuery,
} from './turn-completion.js';

/** Which events of a session to return. Every condition given must hold. */
export interface EventFilter {
  /** Only events with `offset >= minOffset`. */
  minOffset?: number;
  /** Only events of one of these kinds (an empty list means no kind filter). */
  kinds?: EventKind[];
  source?: EventSource;
  traceId?: string;
  /** Include soft-deleted events (never included by default). */
  includeDeleted?: boolean;
}

/** How long to wait, and how to stop waiting early. */
export interface WaitOptions {
  /** Give up after this many milliseconds. */
  timeoutMs: number;
  /** Stop waiting at once; the wait rejects with `AbortedError`. */
  signal?: AbortSignal;
}

/** An in-place change to an event (message streaming, metadata edits). */
export interface EventPatch {
  /** Replaces `data`; it must be valid for the event's kind. */
  data?: unknown;
  /** Keys to set in `metadata`. */
  metadataSet?: Record<string, unknown>;
  /** Keys to remove from `metadata`. */
  metadataUnset?: string[];
  /**
   * `true` soft-deletes this one event (listings leave it out), `false` restores it; omitted
   * keeps it as it is. Unlike `deleteFrom`, it touches no other event.
   */
  deleted?: boolean;
}

/**
 * The session event log: append-only, with gap-free per-session offsets that are never reused.
 *
 * Every method rejects with `NotFoundError` for an unknown session (or event). Event ids are
 * unique within a session: appending with a custom id already used there is a `ConflictError`.
 * Soft-deleted events can still be read with `get` and changed with `update`; they are only
 * left out of listings.
 */
export interface EventStore {
  /**
   * Appends an event at the next offset (max offset ever used + 1, deleted events included).
   * Concurrent appends to one session get distinct, consecutive offsets.
   */
  append(sessionId: string, event: NewEvent): Promise<Event>;
  get(sessionId: string, eventId: string): Promise<Event>;
  /** Matching events ordered by offset; deleted events excluded unless asked for. */
  list(sessionId: string, filter?: EventFilter): Promise<Event[]>;
  /**
   * Resolves with the matching events as soon as at least one exists (at once if some already
   * do), or with `[]` when `timeoutMs` passes first. Woken by notification, never by polling.
   */
  waitFor(sessionId: string, filter: EventFilter, options: WaitOptions): Promise<Event[]>;
  /** Changes an event in place, keeping its id and offset; bumps `revision`. */
  update(sessionId: string, eventId: string, patch: EventPatch): Promise<Event>;
  /**
   * Resolves with the event once its `revision` is greater than `afterRevision` (at once if it
   * already is), or with its current state when `timeoutMs` passes first.
   */
  waitForUpdate(
    sessionId: string,
    eventId: string,
    afterRevision: number,
    options: WaitOptions,
  ): Promise<Event>;
  /** Soft-deletes every event with `offset >= minOffset`; returns how many were deleted. */
  deleteFrom(sessionId: string, minOffset: number): Promise<number>;
  /**
   * The session's newest customer message (`kind: message`, `source: customer`, not deleted)
   * and whether a turn completed after it; `undefined` when it has none.
   */
  latestCustomerMessage(sessionId: string): Promise<LatestCustomerMessage | undefined>;
  /**
   * Sessions in `auto` mode whose newest customer message never got a completed turn — what a
   * crash mid-turn leaves behind — oldest session first (creation time, then id), at most
   * `limit` (default: all), after `cursor` when given: page with the `cursor` of the last turn.
   * Stores answer it without reading every session's events.
   */
  listUnfinishedTurns(options?: UnfinishedTurnQuery): Promise<UnfinishedTurn[]>;
}
