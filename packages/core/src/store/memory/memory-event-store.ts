import type { z } from 'zod';
import { type Event, eventSchema, type NewEvent, newEventSchema } from '../../domain/event.js';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError } from '../../errors/errors.js';
import { parseOrThrow } from '../../errors/from-zod.js';
import { generateId } from '../../util/ids.js';
import { nowIso } from '../../util/time.js';
import { ChangeNotifier, waitForChange } from '../change-notifier.js';
import type {
  EventFilter,
  EventPatch,
  EventStore,
  IdempotencyKey,
  IdempotentAppend,
  WaitOptions,
} from '../event-store.js';
import { matchesEventFilter } from '../filters.js';
import { idempotencyKeySchema } from '../idempotency-key.js';
import { compareByCreation, decodeCursor, encodeCursor, type Pageable } from '../pagination.js';
import {
  humanAnsweredIn,
  type LatestCustomerMessage,
  turnCompletedIn,
  type UnfinishedTurn,
  type UnfinishedTurnQuery,
} from '../turn-completion.js';
import type { MemoryJournal } from './memory-journal.js';

type ParsedNewEvent = z.output<typeof newEventSchema>;

interface SessionLog {
  events: Event[];
  nextOffset: number;
  /** Idempotency key → the event appended under it; an entry whose event was deleted is free. */
  keys: Map<string, { eventId: string; fingerprint: string }>;
}

/**
 * The in-memory event log. Offsets are allocated synchronously inside `append`, before its first
 * `await`, so concurrent appends in one process can never collide or leave a gap.
 */
export class MemoryEventStore implements EventStore {
  readonly #logs = new Map<string, SessionLog>();
  readonly #notifier = new ChangeNotifier();
  readonly #sessionExists: (sessionId: string) => boolean;
  readonly #journal: MemoryJournal | undefined;
  readonly #isManual: (sessionId: string) => boolean;
  readonly #sessions: () => Pageable[];

  /**
   * @param sessionExists tells whether a session id is known (events need a session).
   * @param options `journal`: the store's transactions; `isManual`: whether a session is in
   * manual mode (the engine leaves those alone); `sessions`: every session's id and creation time.
   */
  constructor(
    sessionExists: (sessionId: string) => boolean,
    options: {
      journal?: MemoryJournal;
      isManual?: (sessionId: string) => boolean;
      sessions?: () => Pageable[];
    } = {},
  ) {
    this.#sessionExists = sessionExists;
    this.#journal = options.journal;
    this.#isManual = options.isManual ?? (() => false);
    this.#sessions =
      options.sessions ?? (() => [...this.#logs.keys()].map((id) => ({ id, createdAt: '' })));
  }

  async append(sessionId: string, input: NewEvent): Promise<Event> {
    const log = this.#log(sessionId);
    return this.#append(sessionId, log, parseOrThrow(newEventSchema, input, 'event'));
  }

  async appendOnce(
    sessionId: string,
    input: NewEvent,
    idempotency: IdempotencyKey,
  ): Promise<IdempotentAppend> {
    const log = this.#log(sessionId);
    const parsed = parseOrThrow(newEventSchema, input, 'event');
    const held = this.#heldBy(sessionId, log, idempotency);
    if (held !== undefined) return { event: structuredClone(held), replayed: true };
    // Synchronous from the check to here: no other append can take the key in between.
    const event = this.#append(sessionId, log, parsed);
    log.keys.set(idempotency.key, { eventId: event.id, fingerprint: idempotency.fingerprint });
    return { event, replayed: false };
  }

  async findByIdempotencyKey(
    sessionId: string,
    idempotency: IdempotencyKey,
  ): Promise<Event | undefined> {
    const held = this.#heldBy(sessionId, this.#log(sessionId), idempotency);
    return held === undefined ? undefined : structuredClone(held);
  }

  /** The live event holding the key; throws when it was appended for another request. */
  #heldBy(sessionId: string, log: SessionLog, idempotency: IdempotencyKey): Event | undefined {
    const { key, fingerprint } = parseOrThrow(idempotencyKeySchema, idempotency, 'idempotency key');
    const entry = log.keys.get(key);
    if (entry === undefined) return undefined;
    const event = log.events.find((candidate) => candidate.id === entry.eventId);
    if (event === undefined || event.deleted) return undefined;
    if (entry.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError(sessionId, key);
    return event;
  }

  #append(sessionId: string, log: SessionLog, parsed: ParsedNewEvent): Event {
    const id = parsed.id ?? generateId();
    if (log.events.some((event) => event.id === id)) throw new ConflictError('event', id);
    this.#touch(sessionId, log);
    const event = {
      ...parsed,
      id,
      sessionId,
      offset: log.nextOffset,
      createdAt: nowIso(),
      metadata: parsed.metadata ?? {},
      deleted: false,
      revision: 0,
    } as Event;
    log.nextOffset += 1;
    log.events.push(structuredClone(event));
    this.#wake(sessionId, event);
    return event;
  }

  async get(sessionId: string, eventId: string): Promise<Event> {
    return structuredClone(this.#find(sessionId, eventId));
  }

  async list(sessionId: string, filter: EventFilter = {}): Promise<Event[]> {
    return structuredClone(this.#select(sessionId, filter));
  }

  async waitFor(sessionId: string, filter: EventFilter, options: WaitOptions): Promise<Event[]> {
    const found = await waitForChange(
      this.#notifier,
      sessionId,
      () => {
        const events = this.#select(sessionId, filter);
        return events.length > 0 ? structuredClone(events) : undefined;
      },
      options,
      'Waiting for events',
      // An appended event that fails the filter cannot change what the filter selects.
      (change) => matchesEventFilter(change as Event, filter),
    );
    return found ?? [];
  }

  async update(sessionId: string, eventId: string, patch: EventPatch): Promise<Event> {
    const current = this.#find(sessionId, eventId);
    const metadata = { ...current.metadata, ...patch.metadataSet };
    for (const key of patch.metadataUnset ?? []) delete metadata[key];
    const next = parseOrThrow(
      eventSchema,
      {
        ...current,
        data: patch.data === undefined ? current.data : patch.data,
        metadata,
        deleted: patch.deleted ?? current.deleted,
        revision: current.revision + 1,
      },
      'event update',
    );
    const log = this.#log(sessionId);
    this.#touch(sessionId, log);
    log.events[log.events.indexOf(current)] = structuredClone(next);
    this.#wake(sessionId);
    return next;
  }

  async waitForUpdate(
    sessionId: string,
    eventId: string,
    afterRevision: number,
    options: WaitOptions,
  ): Promise<Event> {
    const updated = await waitForChange(
      this.#notifier,
      sessionId,
      () => {
        const event = this.#find(sessionId, eventId);
        return event.revision > afterRevision ? structuredClone(event) : undefined;
      },
      options,
      'Waiting for an event update',
    );
    return updated ?? this.get(sessionId, eventId);
  }

  async deleteFrom(sessionId: string, minOffset: number): Promise<number> {
    const log = this.#log(sessionId);
    this.#touch(sessionId, log);
    let count = 0;
    log.events = log.events.map((event) => {
      if (event.deleted || event.offset < minOffset) return event;
      count += 1;
      return { ...event, deleted: true, revision: event.revision + 1 };
    });
    if (count > 0) this.#wake(sessionId);
    return count;
  }

  async latestCustomerMessage(sessionId: string): Promise<LatestCustomerMessage | undefined> {
    const latest = this.#latest(this.#log(sessionId));
    return latest === undefined ? undefined : structuredClone(latest);
  }

  async listUnfinishedTurns(options: UnfinishedTurnQuery = {}): Promise<UnfinishedTurn[]> {
    const unfinished: UnfinishedTurn[] = [];
    const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const sessions = this.#sessions()
      .filter((session) => after === undefined || compareByCreation(session, after) > 0)
      .sort(compareByCreation);
    for (const session of sessions) {
      const sessionId = session.id;
      if (unfinished.length >= (options.limit ?? Number.POSITIVE_INFINITY)) break;
      const log = this.#logs.get(sessionId);
      if (log === undefined || this.#isManual(sessionId)) continue;
      const latest = this.#latest(log);
      if (latest === undefined || latest.completed) continue;
      const later = log.events.filter((e) => !e.deleted && e.offset > latest.event.offset);
      if (humanAnsweredIn(later)) continue;
      const { event } = latest;
      unfinished.push({
        sessionId,
        eventId: event.id,
        offset: event.offset,
        traceId: event.traceId,
        createdAt: event.createdAt,
        cursor: encodeCursor(session),
      });
    }
    return unfinished;
  }

  /** Forgets a deleted session's events and wakes its waiters (which then see `NotFoundError`). */
  dropSession(sessionId: string): void {
    const log = this.#logs.get(sessionId);
    if (log !== undefined) this.#touch(sessionId, log);
    this.#logs.delete(sessionId);
    this.#wake(sessionId);
  }

  #latest(log: SessionLog): LatestCustomerMessage | undefined {
    const live = log.events.filter((event) => !event.deleted);
    const index = live.findLastIndex(
      (event) => event.kind === 'message' && event.source === 'customer',
    );
    if (index < 0) return undefined;
    const event = live[index]!;
    return { event, completed: turnCompletedIn(live.slice(index + 1), event.traceId) };
  }

  /** Saves how to put the session's log back if the running transaction rolls back. */
  #touch(sessionId: string, log: SessionLog): void {
    this.#journal?.touch(`events:${sessionId}`, () => {
      const saved = {
        events: [...log.events],
        nextOffset: log.nextOffset,
        keys: new Map(log.keys),
      };
      const existed = this.#logs.get(sessionId) === log;
      return () => {
        log.events = saved.events;
        log.nextOffset = saved.nextOffset;
        log.keys = saved.keys;
        if (existed) this.#logs.set(sessionId, log);
        else this.#logs.delete(sessionId);
      };
    });
  }

  /** Wakes the session's waiters; `appended` is the new event, when that is the change. */
  #wake(sessionId: string, appended?: Event): void {
    if (this.#journal === undefined) this.#notifier.notify(sessionId, appended);
    else this.#journal.afterCommit(() => this.#notifier.notify(sessionId, appended));
  }

  #log(sessionId: string): SessionLog {
    if (!this.#sessionExists(sessionId)) throw new NotFoundError('session', sessionId);
    let log = this.#logs.get(sessionId);
    if (log === undefined) {
      log = { events: [], nextOffset: 0, keys: new Map() };
      this.#logs.set(sessionId, log);
    }
    return log;
  }

  #find(sessionId: string, eventId: string): Event {
    const event = this.#log(sessionId).events.find((candidate) => candidate.id === eventId);
    if (event === undefined) throw new NotFoundError('event', eventId);
    return event;
  }

  #select(sessionId: string, filter: EventFilter): Event[] {
    return this.#log(sessionId).events.filter((event) => matchesEventFilter(event, filter));
  }
}
