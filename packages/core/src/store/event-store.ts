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
 * A client's key that makes an append safe to retry (HTTP `Idempotency-Key`): a session holds
 * at most one live (not deleted) event per key.
 */
export interface IdempotencyKey {
  /** The client's key, scoped to the session. */
  key: string;
  /**
   * A digest of the request that carried the key. A retry must present the same one; another
   * one means the key was reused for a different request.
   */
  fingerprint: string;
}

/** What {@link EventStore.appendOnce} did. */
export interface IdempotentAppend {
  /** The event appended now or, when `replayed`, the one appended earlier under the key. */
  event: Event;
  /** True when the key was already held: nothing was appended. */
  replayed: boolean;
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
  /**
   * Appends like `append`, at most once per idempotency key in the session: when a live event
   * already holds `idempotency.key`, nothing is appended and that event comes back with
   * `replayed: true`. Concurrent calls with one key — in any process sharing the store — append
   * exactly one event, and offsets stay gap-free. The key is held as long as its event lives:
   * `deleteFrom` that deletes the event frees it.
   *
   * @throws IdempotencyKeyReusedError when a live event holds the key with another fingerprint.
   */
  appendOnce(
    sessionId: string,
    event: NewEvent,
    idempotency: IdempotencyKey,
  ): Promise<IdempotentAppend>;
  /**
   * The live event appended under `idempotency.key`, or `undefined` when the key is free.
   *
   * @throws IdempotencyKeyReusedError when the event was appended with another fingerprint.
   */
  findByIdempotencyKey(sessionId: string, idempotency: IdempotencyKey): Promise<Event | undefined>;
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
