import { z } from 'zod';
import { metadataSchema, toolRefSchema } from './common.js';

// Event `data` is stored and served exactly as the Parlant wire format defines it (snake_case),
// so HTTP can pass it through untouched and existing clients read it unchanged.

/** Who wrote a message. */
export const participantSchema = z.object({
  id: z.string().nullable(),
  display_name: z.string(),
});
/** Who wrote a message. */
export type Participant = z.infer<typeof participantSchema>;

/** `data` of a `message` event. */
export const messageEventDataSchema = z.object({
  message: z.string(),
  participant: participantSchema,
  flagged: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
  /** The free-text draft a canned response was chosen for (canned composition modes). */
  draft: z.string().optional(),
  /** `[canned_response_id, rendered_text]` pairs that were used. */
  canned_responses: z.array(z.tuple([z.string(), z.string()])).optional(),
  /** Streaming: chunks so far; the message is complete when the last one is `null`. */
  chunks: z.array(z.string().nullable()).optional(),
  /**
   * Conduct extension: `true` on a streamed reply a crash cut off, once the turn was resumed (a
   * new reply replaces it) or marked interrupted. Such a message is also soft-deleted, so
   * listings leave it out; it stays readable by id and with `includeDeleted` (docs/scaling.md).
   */
  superseded: z.literal(true).optional(),
  /**
   * Conduct extension: `true` on an agent message whose text was cut off — the model stream
   * failed after text went out (stream output mode), or the model stopped at its output-token
   * limit or a content filter. Absent otherwise. The turn's record lists a `reply_truncated`
   * error.
   */
  truncated: z.boolean().optional(),
});
/** `data` of a `message` event. */
export type MessageEventData = z.infer<typeof messageEventDataSchema>;

/** Stage names of `processing` status events, as clients display them. */
export const processingStageSchema = z.enum([
  'Interpreting',
  'Thinking',
  'Considering tools',
  'Articulating',
]);
/** Stage of a `processing` status event. */
export type ProcessingStage = z.infer<typeof processingStageSchema>;

const idRefList = z.array(z.object({ id: z.string() }));

/** `data.data` of the `ready` status that closes a turn. */
export const readyCompletedDataSchema = z.object({
  stage: z.literal('completed'),
  matched_guidelines: idRefList,
  matched_journeys: idRefList,
  matched_journey_states: idRefList,
});

/** `data` of a `status` event: one variant per status. */
export const statusEventDataSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('acknowledged'), data: z.object({}).loose() }),
  z.object({ status: z.literal('processing'), data: z.object({ stage: z.string() }).loose() }),
  z.object({ status: z.literal('typing'), data: z.object({}).loose() }),
  z.object({
    status: z.literal('ready'),
    data: z.union([readyCompletedDataSchema.loose(), z.object({}).loose()]),
  }),
  z.object({ status: z.literal('cancelled'), data: z.object({}).loose() }),
  z.object({ status: z.literal('error'), data: z.object({ exception: z.string() }).loose() }),
]);
/** `data` of a `status` event. */
export type StatusEventData = z.infer<typeof statusEventDataSchema>;
/** Every status a `status` event can carry. */
export type SessionStatus = StatusEventData['status'];
/** Every status a `status` event can carry. */
export const SESSION_STATUSES = [
  'acknowledged',
  'processing',
  'typing',
  'ready',
  'cancelled',
  'error',
] as const satisfies readonly SessionStatus[];

/** What a tool run hands back to the engine about the session. */
export const toolControlSchema = z.object({
  /** `manual` hands the session to a human. */
  mode: z.enum(['auto', 'manual']).optional(),
  /** `response`: the result is only seen while writing this reply; `session`: kept in history. */
  lifespan: z.enum(['response', 'session']).optional(),
});

/** The result of one tool call, as recorded in a `tool` event. */
export const toolResultDataSchema = z.object({
  /** What the model sees. */
  data: z.unknown(),
  /** What only the UI sees. */
  metadata: metadataSchema,
  control: toolControlSchema,
  canned_responses: z.array(z.unknown()),
  canned_response_fields: z.record(z.string(), z.unknown()),
  guidelines: z.array(z.unknown()).optional(),
});

/** One tool call in a `tool` event. */
export const toolCallDataSchema = z.object({
  tool_id: toolRefSchema,
  arguments: z.record(z.string(), z.unknown()),
  result: toolResultDataSchema,
});
/** One tool call in a `tool` event. */
export type ToolCallData = z.infer<typeof toolCallDataSchema>;

/** `data` of a `tool` event. */
export const toolEventDataSchema = z.object({ tool_calls: z.array(toolCallDataSchema) });
/** `data` of a `tool` event. */
export type ToolEventData = z.infer<typeof toolEventDataSchema>;
