import type { Event, EventFilter } from '@conduct/core';
import type { SqlParams } from '../driver/sql-params.js';
import { fromJsonText } from '../driver/sql-params.js';

/** The columns of `conduct_events AS e` that {@link fromEventRow} reads. */
export const EVENT_COLUMNS = `e.id, e.session_id, e.event_offset, e.kind, e.source, e.trace_id,
  e.created_at, e.metadata::text AS metadata, e.data::text AS data, e.deleted, e.revision`;

/** One row of {@link EVENT_COLUMNS}; `id` is null where a LEFT JOIN found no event. */
export interface EventRow {
  [column: string]: unknown;
  id: string | null;
  session_id: string;
  event_offset: number;
  kind: string;
  source: string;
  trace_id: string;
  created_at: string;
  metadata: string;
  data: string | null;
  deleted: boolean;
  revision: number;
}

/** Rebuilds an event from its row (a fresh object every time). */
export function fromEventRow(row: EventRow): Event {
  return {
    id: row.id,
    sessionId: row.session_id,
    offset: row.event_offset,
    kind: row.kind,
    source: row.source,
    traceId: row.trace_id,
    createdAt: row.created_at,
    metadata: fromJsonText(row.metadata),
    deleted: row.deleted,
    revision: row.revision,
    data: fromJsonText(row.data),
  } as Event;
}

// Offsets are int4 in the schema; bounds outside it are answered without asking the database.
const MAX_OFFSET = 2 ** 31 - 1;

/** SQL conditions on `e` for an event filter, with the memory store's semantics. */
export function eventWhere(filter: EventFilter, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filter.includeDeleted !== true) conditions.push('NOT e.deleted');
  const atLeast = minOffsetCondition(filter.minOffset, params);
  if (atLeast !== undefined) conditions.push(atLeast);
  if (filter.kinds !== undefined && filter.kinds.length > 0) {
    conditions.push(`e.kind = ANY (${params.textArray(filter.kinds)})`);
  }
  if (filter.source !== undefined) conditions.push(`e.source = ${params.add(filter.source)}`);
  if (filter.traceId !== undefined) conditions.push(`e.trace_id = ${params.add(filter.traceId)}`);
  return conditions;
}

/** The SQL condition `e.event_offset >= minOffset`, or `undefined` when it keeps everything. */
export function minOffsetCondition(
  minOffset: number | undefined,
  params: SqlParams,
): string | undefined {
  // `offset < NaN` is false in JavaScript: a NaN bound filters nothing out.
  if (minOffset === undefined || Number.isNaN(minOffset) || minOffset <= 0) return undefined;
  if (minOffset > MAX_OFFSET) return 'false';
  return `e.event_offset >= ${params.add(Math.ceil(minOffset))}`;
}
