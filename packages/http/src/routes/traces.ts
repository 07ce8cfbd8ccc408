import { Hono } from 'hono';
import { type AppEnv, authorize, authorizedSession, services } from '../app-env.js';
import { eventDto } from '../dto/event.js';
import { traceDtoSchema } from '../dto/trace.js';
import { turnRecordDto } from '../dto/turn-record.js';
import { HttpError } from '../errors.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { sessionIdOf } from './session-param.js';

/**
 * `GET /sessions/{session_id}/traces/{trace_id}` — a Conduct extension: the decision records of
 * the turns that ran under one trace (what was considered, matched, dropped and why, tool calls,
 * model calls with their prompts) and the events of that trace, as
 * `{session_id, trace_id, turns: [TurnRecordDTO], events: [EventDTO]}` with snake_case keys.
 * 404 when the session is unknown or no turn ran under that trace. Operation `READ_TRACE`
 * (records hold prompts and tool data: keep it to operators).
 */
export const traceRoutes = new Hono<AppEnv>().get('/:traceId', async (c) => {
  await authorize(c, 'READ_TRACE');
  const sessionId = sessionIdOf(c);
  const traceId = c.req.param('traceId');
  const { store } = services(c);
  await authorizedSession(c, 'READ_TRACE', sessionId);
  const turns = await store.turns.list(sessionId, { traceId });
  if (turns.length === 0) {
    throw new HttpError(404, `No turn ran under trace_id='${traceId}' in session '${sessionId}'`);
  }
  const events = await store.events.list(sessionId, { traceId, includeDeleted: true });
  return c.json({
    session_id: sessionId,
    trace_id: traceId,
    turns: turns.map(turnRecordDto),
    events: events.map(eventDto),
  });
});

/** OpenAPI description of {@link traceRoutes}. */
export const traceDocs = describeRoutes('/sessions/:sessionId/traces', 'sessions', [
  {
    method: 'get',
    path: '/:traceId',
    operationId: 'readTrace',
    summary: "Read a turn's decision record",
    description:
      'What each turn under this trace considered, matched, dropped and why; its tool calls and model calls (with prompts); and the events of the trace.',
    operation: 'READ_TRACE',
    response: traceDtoSchema,
    extension: true,
  },
]);
