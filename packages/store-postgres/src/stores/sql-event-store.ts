import {
  ConflictError,
  type Event,
  type EventFilter,
  type EventPatch,
  type EventStore,
  eventSchema,
  generateId,
  type IdempotencyKey,
  IdempotencyKeyReusedError,
  type IdempotentAppend,
  type LatestCustomerMessage,
  type NewEvent,
  NotFoundError,
  newEventSchema,
  type UnfinishedTurn,
  type UnfinishedTurnQuery,
  type WaitOptions,
} from '@conduct/core';
import {
  decodeCursor,
  encodeCursor,
  idempotencyKeySchema,
  matchesEventFilter,
  nowIso,
  parseOrThrow,
  waitForChange,
} from '@conduct/core/internal';
import type { SqlExecutor } from '../driver/sql-driver.js';
import { runSql, SqlState, sqlState } from '../driver/sql-errors.js';
import { SqlParams } from '../driver/sql-params.js';
import type { FeedWriter } from './event-feed.js';
import {
  EVENT_COLUMNS,
  type EventRow,
  eventWhere,
  fromEventRow,
  minOffsetCondition,
} from './event-rows.js';
import { insertUnlessHeldSql } from './idempotent-append-sql.js';
import {
  HUMAN_ANSWERED_AFTER_E,
  LATEST_CUSTOMER_MESSAGE,
  TURN_COMPLETED_AFTER_E,
} from './turn-completion-sql.js';

/** How often an idempotent append retries when the event holding its key keeps vanishing. */
const MAX_IDEMPOTENT_APPEND_ATTEMPTS = 5;

/**
 * The event log in SQL. An append bumps the session's row in `conduct_event_offsets` and
 * inserts the event in one statement: the row lock serializes appends to one session (in every
 * process), and a failed insert rolls the counter back, so offsets are gap-free and never
 * reused; `PRIMARY KEY (session_id, event_offset)` enforces it. Every write also `NOTIFY`s, so
 * waiters in other processes wake up; waiters never poll.
 */
export class SqlEventStore implements EventStore {
  readonly #db: SqlExecutor;
  readonly #feed: FeedWriter;

  constructor(db: SqlExecutor, feed: FeedWriter) {
    this.#db = db;
    this.#feed = feed;
  }

  async append(sessionId: string, input: NewEvent): Promise<Event> {
    const parsed = await this.#validate(sessionId, () =>
      parseOrThrow(newEventSchema, input, 'event'),
    );
    const id = parsed.id ?? generateId();
    const params = new SqlParams();
    const session = params.add(sessionId);
    const sql = `WITH slot AS (
        UPDATE conduct_event_offsets SET next_offset = next_offset + 1
        WHERE session_id = ${session} RETURNING next_offset - 1 AS event_offset
      )
      INSERT INTO conduct_events AS e
        (session_id, event_offset, id, kind, source, trace_id, created_at, metadata, data)
      SELECT ${session}, slot.event_offset, ${params.add(id)}, ${params.add(parsed.kind)},
        ${params.add(parsed.source)}, ${params.add(parsed.traceId)}, ${params.add(nowIso())},
        ${params.json(parsed.metadata ?? {})}, ${params.json(parsed.data)}
      FROM slot
      RETURNING ${EVENT_COLUMNS}, ${this.#feed.notifySql(params, 'e.session_id')}`;
    let rows: EventRow[];
    try {
      rows = await runSql<EventRow>(this.#db, sql, params.values);
    } catch (error) {
      // The offset cannot collide (the counter row is locked), so this is the event id.
      if (sqlState(error) === SqlState.uniqueViolation) throw new ConflictError('event', id);
      throw error;
    }
    const row = rows[0];
    if (row === undefined) throw new NotFoundError('session', sessionId);
    const event = fromEventRow(row);
    this.#feed.changed(sessionId, event);
    return event;
  }

  async appendOnce(
    sessionId: string,
    input: NewEvent,
    idempotency: IdempotencyKey,
  ): Promise<IdempotentAppend> {
    const { event, key } = await this.#validate(sessionId, () => ({
      event: parseOrThrow(newEventSchema, input, 'event'),
      key: parseOrThrow(idempotencyKeySchema, idempotency, 'idempotency key'),
    }));
    const id = event.id ?? generateId();
    // Each retry means the event holding the key was deleted in between; a few in a row cannot
    // happen by chance, so a bound turns a pathological loop into an error.
    for (let attempt = 0; attempt < MAX_IDEMPOTENT_APPEND_ATTEMPTS; attempt += 1) {
      const params = new SqlParams();
      const sql = insertUnlessHeldSql({
        params,
        sessionId,
        id,
        event,
        idempotency: key,
        notifySql: (p, sessionIdSql) => this.#feed.notifySql(p, sessionIdSql),
      });
      let rows: EventRow[];
      try {
        rows = await runSql<EventRow>(this.#db, sql, params.values);
      } catch (error) {
        // The key yields without an error and the offset cannot collide: this is the event id.
        if (sqlState(error) === SqlState.uniqueViolation) throw new ConflictError('event', id);
        throw error;
      }
      const row = rows[0];
      if (row !== undefined) {
        const appended = fromEventRow(row);
        this.#feed.changed(sessionId, appended);
        return { event: appended, replayed: false };
      }
      // Nothing went in: the key is held (or the session is unknown, which the lookup reports).
      const held = await this.findByIdempotencyKey(sessionId, key);
      if (held !== undefined) return { event: held, replayed: true };
      // The event that held the key was deleted in between: the key is free, try again.
    }
    throw new ConflictError('idempotency key', key.key);
  }

  async findByIdempotencyKey(
    sessionId: string,
    idempotency: IdempotencyKey,
  ): Promise<Event | undefined> {
    const { key, fingerprint } = await this.#validate(sessionId, () =>
      parseOrThrow(idempotencyKeySchema, idempotency, 'idempotency key'),
    );
    const rows = await runSql<EventRow & { request_fingerprint: string | null }>(
      this.#db,
      `SELECT ${EVENT_COLUMNS}, e.request_fingerprint FROM conduct_sessions s
       LEFT JOIN conduct_events e
         ON e.session_id = s.id AND e.idempotency_key = $2 AND NOT e.deleted
       WHERE s.id = $1`,
      [sessionId, key],
    );
    const row = rows[0];
    if (row === undefined) throw new NotFoundError('session', sessionId);
    if (row.id === null) return undefined;
    if (row.request_fingerprint !== fingerprint) {
      throw new IdempotencyKeyReusedError(sessionId, key);
    }
    return fromEventRow(row);
  }

  async get(sessionId: string, eventId: string): Promise<Event> {
    const rows = await runSql<EventRow>(
      this.#db,
      `SELECT ${EVENT_COLUMNS} FROM conduct_sessions s
       LEFT JOIN conduct_events e ON e.session_id = s.id AND e.id = $2
       WHERE s.id = $1`,
      [sessionId, eventId],
    );
    const row = rows[0];
    if (row === undefined) throw new NotFoundError('session', sessionId);
    if (row.id === null) throw new NotFoundError('event', eventId);
    return fromEventRow(row);
  }

  async list(sessionId: string, filter: EventFilter = {}): Promise<Event[]> {
    const params = new SqlParams();
    const session = params.add(sessionId);
    const on = ['e.session_id = s.id', ...eventWhere(filter, params)];
    // The LEFT JOIN keeps one row for a session without matches: unknown and empty differ.
    const rows = await runSql<EventRow>(
      this.#db,
      `SELECT ${EVENT_COLUMNS} FROM conduct_sessions s
       LEFT JOIN conduct_events e ON ${on.join(' AND ')}
       WHERE s.id = ${session}
       ORDER BY e.event_offset`,
      params.values,
    );
    if (rows.length === 0) throw new NotFoundError('session', sessionId);
    return rows.filter((row) => row.id !== null).map(fromEventRow);
  }

  async waitFor(sessionId: string, filter: EventFilter, options: WaitOptions): Promise<Event[]> {
    const found = await waitForChange(
      this.#feed.notifier,
      sessionId,
      async () => {
        const events = await this.list(sessionId, filter);
        return events.length > 0 ? events : undefined;
      },
      options,
      'Waiting for events',
      // An appended event that fails the filter cannot change what the filter selects.
      (change) => matchesEventFilter(change as Event, filter),
    );
    return found ?? [];
  }

  async update(sessionId: string, eventId: string, patch: EventPatch): Promise<Event> {
    // Optimistic: write only if nobody changed the event since it was read, else read again.
    for (;;) {
      const current = await this.get(sessionId, eventId);
      const metadata = { ...current.metadata, ...patch.metadataSet };
      for (const key of patch.metadataUnset ?? []) delete metadata[key];
      const next = parseOrThrow(
        eventSchema,
        {
          ...current,
          data: patch.data === undefined ? current.data : patch.data,
          metadata,
          deleted: patch.deleted ?? current.deleted,
        },
        'event update',
      );
      const params = new SqlParams();
      const rows = await runSql<EventRow>(
        this.#db,
        `UPDATE conduct_events AS e
         SET data = ${params.json(next.data)}, metadata = ${params.json(next.metadata)},
           deleted = ${patch.deleted === undefined ? 'e.deleted' : params.add(patch.deleted)},
           revision = e.revision + 1
         WHERE e.session_id = ${params.add(sessionId)} AND e.id = ${params.add(eventId)}
           AND e.revision = ${params.add(current.revision)}
         RETURNING ${EVENT_COLUMNS}, ${this.#feed.notifySql(params, 'e.session_id')}`,
        params.values,
      );
      if (rows[0] !== undefined) {
        this.#feed.changed(sessionId);
        return fromEventRow(rows[0]);
      }
    }
  }

  async waitForUpdate(
    sessionId: string,
    eventId: string,
    afterRevision: number,
    options: WaitOptions,
  ): Promise<Event> {
    const updated = await waitForChange(
      this.#feed.notifier,
      sessionId,
      async () => {
        const event = await this.get(sessionId, eventId);
        return event.revision > afterRevision ? event : undefined;
      },
      options,
      'Waiting for an event update',
    );
    return updated ?? this.get(sessionId, eventId);
  }

  async deleteFrom(sessionId: string, minOffset: number): Promise<number> {
    const params = new SqlParams();
    const session = params.add(sessionId);
    const conditions = [`e.session_id = ${session}`, 'NOT e.deleted'];
    const atLeast = minOffsetCondition(minOffset, params);
    if (atLeast !== undefined) conditions.push(atLeast);
    const rows = await runSql<{ found: boolean; deleted: number }>(
      this.#db,
      `WITH doomed AS (
         UPDATE conduct_events AS e SET deleted = true, revision = e.revision + 1
         WHERE ${conditions.join(' AND ')}
         RETURNING ${this.#feed.notifySql(params, 'e.session_id')}
       )
       SELECT EXISTS (SELECT 1 FROM conduct_sessions WHERE id = ${session}) AS found,
         (SELECT count(*) FROM doomed)::int AS deleted`,
      params.values,
    );
    const { found = false, deleted = 0 } = rows[0] ?? {};
    if (!found) throw new NotFoundError('session', sessionId);
    if (deleted > 0) this.#feed.changed(sessionId);
    return deleted;
  }

  async latestCustomerMessage(sessionId: string): Promise<LatestCustomerMessage | undefined> {
    const rows = await runSql<EventRow & { completed: boolean | null }>(
      this.#db,
      `SELECT ${EVENT_COLUMNS}, ${TURN_COMPLETED_AFTER_E} AS completed
       FROM conduct_sessions s LEFT JOIN ${LATEST_CUSTOMER_MESSAGE} ON true
       WHERE s.id = $1`,
      [sessionId],
    );
    const row = rows[0];
    if (row === undefined) throw new NotFoundError('session', sessionId);
    if (row.id === null) return undefined;
    return { event: fromEventRow(row), completed: row.completed === true };
  }

  async listUnfinishedTurns(options: UnfinishedTurnQuery = {}): Promise<UnfinishedTurn[]> {
    const params = new SqlParams();
    const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    const position =
      after === undefined
        ? ''
        : `AND (s.created_at, s.id) > (${params.add(after.createdAt)}, ${params.add(after.id)})`;
    const limit =
      options.limit === undefined
        ? ''
        : `LIMIT ${params.add(Math.max(0, Math.floor(options.limit)))}`;
    const rows = await runSql<{
      session_id: string;
      id: string;
      event_offset: number;
      trace_id: string;
      created_at: string;
      session_created_at: string;
    }>(
      this.#db,
      `SELECT e.session_id, e.id, e.event_offset, e.trace_id, e.created_at,
         s.created_at AS session_created_at
       FROM conduct_sessions s JOIN ${LATEST_CUSTOMER_MESSAGE} ON true
       WHERE s.data->>'mode' IS DISTINCT FROM 'manual' AND NOT ${TURN_COMPLETED_AFTER_E}
         AND NOT ${HUMAN_ANSWERED_AFTER_E} ${position}
       ORDER BY s.created_at, s.id ${limit}`,
      params.values,
    );
    return rows.map((row) => ({
      sessionId: row.session_id,
      eventId: row.id,
      offset: row.event_offset,
      traceId: row.trace_id,
      createdAt: row.created_at,
      cursor: encodeCursor({ id: row.session_id, createdAt: row.session_created_at }),
    }));
  }

  /** Validates input; like the memory store, an unknown session is reported first. */
  async #validate<T>(sessionId: string, parse: () => T): Promise<T> {
    try {
      return parse();
    } catch (error) {
      const rows = await runSql(this.#db, 'SELECT 1 FROM conduct_sessions WHERE id = $1', [
        sessionId,
      ]);
      if (rows.length === 0) throw new NotFoundError('session', sessionId);
      throw error;
    }
  }
}
