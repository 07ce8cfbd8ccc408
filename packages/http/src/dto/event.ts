import { type Event, eventKindSchema, eventSourceSchema } from '@conduct/core';
import { z } from 'zod';
import { named, timestampDto } from '../openapi/schema-registry.js';

/**
 * Wire shape of an event (docs/compatibility.md#sessions-and-events, #the-session-event-model).
 * `data` is stored in wire shape already, so it passes through; `correlation_id` is the deprecated
 * twin of `trace_id` that clients require.
 */
export const eventDtoSchema = named(
  z.object({
    id: z.string(),
    source: eventSourceSchema,
    kind: eventKindSchema,
    offset: z.number().int().min(0),
    creation_utc: timestampDto,
    trace_id: z.string(),
    correlation_id: z.string().describe('Deprecated: the same value as `trace_id`'),
    data: z
      .unknown()
      .describe(
        'message: `{message, participant, flagged?, tags?, draft?, canned_responses?, chunks?, superseded?, truncated?}` (Conduct extensions: `superseded: true` marks a streamed reply a crash cut off — such an event is deleted, so listings leave it out; `truncated: true` marks an agent reply whose text was cut off); status: `{status, data}`; tool: `{tool_calls}`; custom: any JSON',
      ),
    metadata: z.record(z.string(), z.unknown()),
    deleted: z.boolean(),
  }),
  'Event',
);

/** Wire shape of an event. */
export type EventDto = z.output<typeof eventDtoSchema>;

/** An event in the wire format. */
export function eventDto(event: Event): EventDto {
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
