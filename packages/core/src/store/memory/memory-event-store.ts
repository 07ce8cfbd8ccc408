import { type Event, eventSchema, type NewEvent, newEventSchema } from '../../domain/event.js';
import { ConflictError, NotFoundError } from '../../errors/errors.js';
import { parseOrThrow } from '../../errors/from-zod.js';
import { generateId } from '../../util/ids.js';
import { nowIso } from '../../util/time.js';
import { ChangeNotifier, waitForChange } from '../change-notifier.js';
import type { EventFilter, EventPatch, EventStore, WaitOptions } from '../event-store.js';
import { matchesEventFilter } from '../filters.js';

interface SessionLog {
  events: Event[];
  nextOffset: number;
}

/**
 * The in-memory event log. Offsets are allocated synchronously inside `append`, before its first
 * `await`, so concurrent appends in one process can never collide or leave a gap.
 */
export class MemoryEventStore implements EventStore {
  readonly #logs = new Map<string, SessionLog>();
  readonly #notifier = new ChangeNotifier();
  readonly #sessionExists: (sessionId: string) => boolean;

  /** @param sessionExists tells whether a session id is known (events need a session). */
  constructor(sessionExists: (sessionId: string) => boolean) {
    this.#sessionExists = sessionExists;
  }

  async append(sessionId: string, input: NewEvent): Promise<Event> {
    const log = this.#log(sessionId);
    const parsed = parseOrThrow(newEventSchema, input, 'event');
    const id = parsed.id ?? generateId();
    if (log.events.some((event) => event.id === id)) throw new ConflictError('event', id);
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
    this.#notifier.notify(sessionId);
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
        revision: current.revision + 1,
      },
      'event update',
    );
    const log = this.#log(sessionId);
    log.events[log.events.indexOf(current)] = structuredClone(next);
    this.#notifier.notify(sessionId);
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
    let count = 0;
    log.events = log.events.map((event) => {
      if (event.deleted || event.offset < minOffset) return event;
      count += 1;
      return { ...event, deleted: true };
    });
    if (count > 0) this.#notifier.notify(sessionId);
    return count;
  }

  /** Forgets a deleted session's events and wakes its waiters (which then see `NotFoundError`). */
  dropSession(sessionId: string): void {
    this.#logs.delete(sessionId);
    this.#notifier.notify(sessionId);
  }

  #log(sessionId: string): SessionLog {
    if (!this.#sessionExists(sessionId)) throw new NotFoundError('session', sessionId);
    let log = this.#logs.get(sessionId);
    if (log === undefined) {
      log = { events: [], nextOffset: 0 };
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
