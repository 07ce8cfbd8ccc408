import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, authorizedSession, services } from '../app-env.js';
import { eventDto } from '../dto/event.js';
import { queryInteger } from '../query-types.js';
import { parseBody, parseQuery } from '../validation.js';
import { createEvent } from './event-creation.js';
import { deleteEventsFrom } from './event-deletion.js';
import { eventFilter, listEventsQuery, waitMs } from './event-query.js';
import { readEvent } from './event-read.js';
import { longPollEvents } from './events-long-poll.js';
import { streamEventsSse } from './events-sse.js';
import { streamSessionChanges } from './events-stream.js';
import { sessionIdOf } from './session-param.js';
import { metadataChangesSchema } from './tag-changes.js';

const deleteQuery = z.object({ min_offset: queryInteger });
const updateSchema = z.object({ metadata: metadataChangesSchema.optional() });

/**
 * `/sessions/{session_id}/events` (reference §1.3, §2): create, list (long-poll or SSE), read
 * one, edit metadata, delete from an offset; plus the `/stream` extension with message updates.
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
    await deleteEventsFrom(services(c).store, sessionIdOf(c), query.min_offset);
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
