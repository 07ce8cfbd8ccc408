import type { Event } from '@conduct/core';

/**
 * Wire shape of an event (reference §1.3, §2). `data` is stored in wire shape already, so it
 * passes through; `correlation_id` is the deprecated twin of `trace_id` that clients require.
 */
export function eventDto(event: Event) {
  return {
    id: event.id,
    source: event.source,
    kind: event.kind,
    offset: event.offset,
    creation_utc: event.createdAt,
    trace_id: event.traceId,
    correlation_id: event.traceId,
    data: event.data,
    metadata: event.metadata,
    deleted: event.deleted,
  };
}

/** Wire shape of an event. */
export type EventDto = ReturnType<typeof eventDto>;
