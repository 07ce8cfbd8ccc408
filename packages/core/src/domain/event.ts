import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { metadataSchema } from './common.js';
import {
  type MessageEventData,
  messageEventDataSchema,
  statusEventDataSchema,
  toolEventDataSchema,
} from './event-data.js';

/** What an event is. */
export const eventKindSchema = z.enum(['message', 'tool', 'status', 'custom']);
/** What an event is. */
export type EventKind = z.infer<typeof eventKindSchema>;

/** Who produced an event. */
export const eventSourceSchema = z.enum([
  'customer',
  'customer_ui',
  'ai_agent',
  'human_agent',
  'human_agent_on_behalf_of_ai_agent',
  'system',
]);
/** Who produced an event. */
export type EventSource = z.infer<typeof eventSourceSchema>;

/**
 * Trace id for events created outside any request or turn, as the wire format defines it.
 * Real traces are 32 lowercase hex characters.
 */
export const NO_TRACE_ID = '<main>';

const eventTraceIdSchema = z.union([z.string().regex(/^[0-9a-f]{32}$/), z.literal(NO_TRACE_ID)]);

const eventBase = {
  id: idSchema,
  sessionId: idSchema,
  /** Gap-free per-session position, starting at 0; never reused, even after deletion. */
  offset: z.number().int().min(0),
  source: eventSourceSchema,
  /** Shared by a customer message and every event the engine produces in reply. */
  traceId: eventTraceIdSchema,
  createdAt: timestampSchema,
  metadata: metadataSchema,
  deleted: z.boolean(),
  /** Bumped by every in-place update (streaming); 0 when appended. */
  revision: z.number().int().min(0),
};

// The four kind/data pairs, shared by stored events and events to append.
function withKindedData<Base extends z.core.$ZodLooseShape>(base: Base) {
  return z.discriminatedUnion('kind', [
    z.object({ ...base, kind: z.literal('message'), data: messageEventDataSchema }),
    z.object({ ...base, kind: z.literal('status'), data: statusEventDataSchema }),
    z.object({ ...base, kind: z.literal('tool'), data: toolEventDataSchema }),
    z.object({ ...base, kind: z.literal('custom'), data: z.unknown() }),
  ]);
}

/** One entry of a session's append-only log; `data` is typed by `kind`. */
export const eventSchema = withKindedData(eventBase);
/** One entry of a session's append-only log. */
export type Event = z.infer<typeof eventSchema>;
/** A `message` event. */
export type MessageEvent = Extract<Event, { kind: 'message' }>;
/** A `status` event. */
export type StatusEvent = Extract<Event, { kind: 'status' }>;
/** A `tool` event. */
export type ToolEvent = Extract<Event, { kind: 'tool' }>;
/** A `custom` event. */
export type CustomEvent = Extract<Event, { kind: 'custom' }>;

/** Validates a {@link NewEvent}. */
export const newEventSchema = withKindedData({
  id: idSchema.optional(),
  source: eventSourceSchema,
  traceId: eventTraceIdSchema,
  metadata: metadataSchema.optional(),
});
/** What it takes to append an event; the store assigns offset, timestamps and revision. */
export type NewEvent = z.input<typeof newEventSchema>;

/** A streamed message is complete when its chunk list ends with `null` (or it was not streamed). */
export function isMessageComplete(data: MessageEventData): boolean {
  return data.chunks === undefined || data.chunks.at(-1) === null;
}
