import type { Event } from '@conduct/core';

/** An event as the REST API sends it (snake_case; `data` already in wire shape). */
export interface WireEvent {
  id: string;
  source: Event['source'];
  kind: Event['kind'];
  offset: number;
  creation_utc: string;
  trace_id: string;
  data: unknown;
  metadata: Record<string, unknown>;
  deleted: boolean;
}

/** A session as the REST API sends it. */
export interface WireSession {
  id: string;
  agent_id: string;
  customer_id: string;
  mode: 'auto' | 'manual';
  title: string | null;
}

/**
 * The core `Event` of a wire event. Event `data` is stored in wire shape, so it passes through;
 * `revision` is not on the wire (it counts in-place updates) and reads as 0.
 */
export function eventFromWire(event: WireEvent, sessionId: string): Event {
  return {
    id: event.id,
    sessionId,
    offset: event.offset,
    source: event.source,
    kind: event.kind,
    traceId: event.trace_id,
    createdAt: event.creation_utc,
    metadata: event.metadata,
    deleted: event.deleted,
    revision: 0,
    data: event.data,
  } as Event;
}

/** The `status` of a status event, or `undefined` for other kinds. */
export function statusOf(event: WireEvent): string | undefined {
  if (event.kind !== 'status') return undefined;
  return (event.data as { status?: string } | null)?.status;
}

/**
 * Whether `event` is the `ready` that ends a turn (`data.stage: "completed"`), not the one
 * after a preamble (empty data).
 */
export function isFinalReady(event: WireEvent): boolean {
  if (statusOf(event) !== 'ready') return false;
  const inner = (event.data as { data?: { stage?: unknown } }).data;
  return inner?.stage === 'completed';
}
