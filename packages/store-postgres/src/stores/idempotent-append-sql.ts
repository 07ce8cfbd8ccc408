import type { IdempotencyKey } from '@conduct/core';
import { nowIso } from '@conduct/core/internal';
import type { SqlParams } from '../driver/sql-params.js';
import { EVENT_COLUMNS } from './event-rows.js';

/** What {@link insertUnlessHeldSql} needs: the parsed event, its id and key, the notify builder. */
export interface InsertUnlessHeldInput {
  params: SqlParams;
  sessionId: string;
  id: string;
  /** The validated event to append. */
  event: {
    kind: string;
    source: string;
    traceId: string;
    metadata?: Record<string, unknown> | undefined;
    data?: unknown;
  };
  idempotency: IdempotencyKey;
  notifySql: (params: SqlParams, sessionIdSql: string) => string;
}

/**
 * One statement that appends an event under an idempotency key unless a live event holds it,
 * returning the new row (or none: the key is held, or the session is unknown).
 *
 * The session's offset row is locked first (`FOR UPDATE`: this waits for any append in flight,
 * in any process, and then reads the newest counter), the insert yields to the unique index on
 * `(session_id, idempotency_key)` (`ON CONFLICT DO NOTHING`, which sees rows committed after
 * the statement began), and the counter is bumped only when a row went in — so a held key
 * leaves no gap in the offsets, and no error aborts the caller's transaction.
 */
export function insertUnlessHeldSql(input: InsertUnlessHeldInput): string {
  const { params, event, idempotency } = input;
  const session = params.add(input.sessionId);
  return `WITH slot AS (
      SELECT next_offset FROM conduct_event_offsets WHERE session_id = ${session} FOR UPDATE
    ), added AS (
      INSERT INTO conduct_events AS e (session_id, event_offset, id, kind, source, trace_id,
        created_at, metadata, data, idempotency_key, request_fingerprint)
      SELECT ${session}, slot.next_offset, ${params.add(input.id)}, ${params.add(event.kind)},
        ${params.add(event.source)}, ${params.add(event.traceId)}, ${params.add(nowIso())},
        ${params.json(event.metadata ?? {})}, ${params.json(event.data)},
        ${params.add(idempotency.key)}, ${params.add(idempotency.fingerprint)}
      FROM slot
      ON CONFLICT (session_id, idempotency_key) WHERE idempotency_key IS NOT NULL AND NOT deleted
      DO NOTHING
      RETURNING e.*
    ), bumped AS (
      UPDATE conduct_event_offsets SET next_offset = next_offset + 1
      WHERE session_id = ${session} AND EXISTS (SELECT 1 FROM added)
    )
    SELECT ${EVENT_COLUMNS}, ${input.notifySql(params, 'e.session_id')} FROM added AS e`;
}
