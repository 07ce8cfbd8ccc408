import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, authorizedSession, behaviorModel, services } from '../app-env.js';
import { eventDto, eventDtoSchema } from '../dto/event.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { queryInteger } from '../query-types.js';
import { parseBody, parseQuery } from '../validation.js';
import { createEvent } from './event-creation.js';
import { eventCreationQuery, eventCreationSchema } from './event-creation-schema.js';
import { deleteEventsFrom } from './event-deletion.js';
import { eventFilter, listEventsQuery, waitMs } from './event-query.js';
import { readEvent, readQuery } from './event-read.js';
import { longPollEvents } from './events-long-poll.js';
import { streamEventsSse } from './events-sse.js';
import { streamQuery, streamSessionChanges } from './events-stream.js';
import { idempotencyKeyHeaderDoc } from './idempotency-key.js';
import { sessionIdOf } from './session-param.js';
import { metadataChangesSchema } from './tag-changes.js';

const deleteQuery = z.object({ min_offset: queryInteger });
const updateSchema = z.object({ metadata: metadataChangesSchema.optional() });

/**
 * `/sessions/{session_id}/events` (docs/compatibility.md#sessions-and-events,
 * #the-session-event-model): create, list (long-poll or SSE), read one, edit metadata, delete from
 * an offset; plus the `/stream` extension with message updates.
 */
export const eventRoutes = new Hono<AppEnv>()
  .post('/', async (c) => createEvent(c, sessionIdOf(c)))
  .get('/', async (c) => {
    await authorize(c, 'LIST_EVENTS');
    await authorizedSession(c, 'LIST_EVENTS', sessionIdOf(c));
    const query = parseQuery(c, listEventsQuery);
    const sessionId = sessionIdOf(c);
    const timeoutMs = waitMs(c, query.wait_for_data);
    return query.sse
      ? streamEventsSse(c, sessionId, eventFilter(query), timeoutMs)
      : longPollEvents(c, sessionId, eventFilter(query), timeoutMs);
  })
  .delete('/', async (c) => {
    await authorize(c, 'DELETE_EVENTS');
    await authorizedSession(c, 'DELETE_EVENTS', sessionIdOf(c));
    const query = parseQuery(c, deleteQuery);
    await deleteEventsFrom(behaviorModel(c), sessionIdOf(c), query.min_offset);
    return c.body(null, 204);
  })
  .get('/stream', async (c) => {
    await authorize(c, 'LIST_EVENTS');
    await authorizedSession(c, 'LIST_EVENTS', sessionIdOf(c));
    return streamSessionChanges(c, sessionIdOf(c));
  })
  .get('/:eventId', async (c) => {
    await authorize(c, 'READ_EVENT');
    await authorizedSession(c, 'READ_EVENT', sessionIdOf(c));
    return readEvent(c, sessionIdOf(c), c.req.param('eventId'));
  })
  .patch('/:eventId', async (c) => {
    await authorize(c, 'UPDATE_EVENT');
    await authorizedSession(c, 'UPDATE_EVENT', sessionIdOf(c));
    const body = await parseBody(c, updateSchema);
    const event = await services(c).store.events.update(sessionIdOf(c), c.req.param('eventId'), {
      ...(body.metadata?.set === undefined ? {} : { metadataSet: body.metadata.set }),
      ...(body.metadata?.unset === undefined ? {} : { metadataUnset: body.metadata.unset }),
    });
    return c.json(eventDto(event));
  });

const sseStream = (description: string) => ({
  contentType: 'text/event-stream',
  description,
  schema: { type: 'string', description: 'Lines `data: <Event JSON>` separated by blank lines' },
});

/** OpenAPI description of {@link eventRoutes}. */
export const eventDocs = describeRoutes('/sessions/:sessionId/events', 'sessions', [
  {
    method: 'post',
    path: '/',
    operationId: 'createEvent',
    client: 'sessions.createEvent',
    summary: 'Create an event (post a customer message)',
    description:
      'A customer message is stored, then answered by a background turn (the 201 comes at once). `moderation=auto` checks it with the configured moderator (`flagged` and category `tags` in `data`); `paranoid` also runs the jailbreak check. Human-agent, on-behalf, status and custom events are stored as given and never trigger the engine.',
    operation: [
      'CREATE_CUSTOMER_EVENT',
      'CREATE_AGENT_EVENT',
      'CREATE_HUMAN_AGENT_EVENT',
      'CREATE_HUMAN_AGENT_ON_BEHALF_OF_AI_AGENT_EVENT',
      'CREATE_STATUS_EVENT',
      'CREATE_CUSTOM_EVENT',
    ],
    query: eventCreationQuery,
    headers: [idempotencyKeyHeaderDoc],
    body: eventCreationSchema,
    response: eventDtoSchema,
    errors: [409, 503],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listEvents',
    client: 'sessions.listEvents',
    summary: 'List events (long-poll, or SSE with `sse=true`)',
    description:
      'Events at or after `min_offset` that match the filters. When none match, waits up to `wait_for_data` seconds (default 60) and answers 504 if none came.',
    operation: 'LIST_EVENTS',
    query: listEventsQuery,
    response: z.array(eventDtoSchema),
    alternatives: [
      sseStream('With `sse=true`: a stream of events, closed after `wait_for_data` idle seconds'),
    ],
    errors: [504],
  },
  {
    method: 'delete',
    path: '/',
    operationId: 'deleteEvents',
    client: 'sessions.deleteEvents',
    summary: 'Delete events from an offset on',
    description:
      'Soft-deletes every event at or after `min_offset`, which must be where a trace starts, and trims what the engine remembers from the deleted turns.',
    operation: 'DELETE_EVENTS',
    query: deleteQuery,
  },
  {
    method: 'get',
    path: '/stream',
    operationId: 'streamEvents',
    summary: 'Stream events and message updates (SSE)',
    description:
      'Every event from `min_offset` on, and again whenever a streamed message changes, with a growing `revision`; keep the latest version per `id`.',
    operation: 'LIST_EVENTS',
    query: streamQuery,
    response: sseStream('A stream of events with `revision`'),
    extension: true,
  },
  {
    method: 'get',
    path: '/:eventId',
    operationId: 'readEvent',
    client: 'sessions.readEvent',
    summary: 'Read an event',
    operation: 'READ_EVENT',
    query: readQuery,
    response: eventDtoSchema,
    alternatives: [sseStream('With `sse=true`: the event, again on every chunk until complete')],
  },
  {
    method: 'patch',
    path: '/:eventId',
    operationId: 'updateEvent',
    client: 'sessions.updateEvent',
    summary: "Edit an event's metadata",
    operation: 'UPDATE_EVENT',
    body: updateSchema,
    response: eventDtoSchema,
  },
]);
