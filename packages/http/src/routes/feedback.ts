import { NotFoundError } from '@conduct/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, authorizedSession, services } from '../app-env.js';
import { feedbackDto, feedbackDtoSchema } from '../dto/feedback.js';
import { listingDtoSchema, pageDto } from '../dto/page.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { parseQuery } from '../validation.js';
import { createFeedback, feedbackCreationSchema } from './feedback-creation.js';
import { pageOptions, pageQueryShape } from './page-query.js';
import { sessionIdOf } from './session-param.js';

const instant = z.iso
  .datetime({ offset: true, message: 'Input should be an ISO-8601 timestamp' })
  .optional();

const sessionListQuery = z.object(pageQueryShape);
const listQuery = z.object({
  agent_id: z.string().optional().describe('Feedback on messages this agent wrote'),
  since: instant.describe('Given at or after this ISO-8601 timestamp'),
  until: instant.describe('Given before this ISO-8601 timestamp'),
  ...pageQueryShape,
});

/**
 * `/sessions/{session_id}/feedback` — a Conduct extension: judge an agent message and say what
 * should have happened (guidelines that should or should not have matched, the expected reply,
 * tools that should or should not have been called); list a session's feedback; delete one.
 */
export const sessionFeedbackRoutes = new Hono<AppEnv>()
  .post('/', async (c) => c.json(feedbackDto(await createFeedback(c, sessionIdOf(c))), 201))
  .get('/', async (c) => {
    await authorize(c, 'LIST_FEEDBACK');
    const session = await authorizedSession(c, 'LIST_FEEDBACK', sessionIdOf(c));
    const query = parseQuery(c, sessionListQuery);
    const page = await services(c).store.feedback.list({
      sessionId: session.id,
      ...pageOptions(query),
    });
    return query.limit === undefined
      ? c.json(page.items.map(feedbackDto))
      : c.json(pageDto(page, feedbackDto));
  })
  .delete('/:feedbackId', async (c) => {
    await authorize(c, 'DELETE_FEEDBACK');
    const session = await authorizedSession(c, 'DELETE_FEEDBACK', sessionIdOf(c));
    const { store } = services(c);
    const feedbackId = c.req.param('feedbackId');
    // Another session's feedback is not reachable through this one.
    const feedback = await store.feedback.get(feedbackId);
    if (feedback.sessionId !== session.id) throw new NotFoundError('feedback', feedbackId);
    await store.feedback.delete(feedbackId);
    return c.body(null, 204);
  });

/** `GET /feedback` — a Conduct extension: feedback across sessions, for operators. */
export const feedbackRoutes = new Hono<AppEnv>().get('/', async (c) => {
  await authorize(c, 'LIST_FEEDBACK');
  const query = parseQuery(c, listQuery);
  const page = await services(c).store.feedback.list({
    ...(query.agent_id === undefined ? {} : { agentId: query.agent_id }),
    ...(query.since === undefined ? {} : { since: query.since }),
    ...(query.until === undefined ? {} : { until: query.until }),
    ...pageOptions(query),
  });
  return query.limit === undefined
    ? c.json(page.items.map(feedbackDto))
    : c.json(pageDto(page, feedbackDto));
});

const listingDescription =
  'By creation time then id. A plain array without `limit`, a page with it (as `GET /sessions`).';

/** OpenAPI description of {@link sessionFeedbackRoutes}. */
export const sessionFeedbackDocs = describeRoutes('/sessions/:sessionId/feedback', 'feedback', [
  {
    method: 'post',
    path: '/',
    operationId: 'createFeedback',
    summary: 'Give feedback on an agent message',
    description:
      'Rates an `ai_agent` message of the session and says what should have happened instead. `event_id` must name a live `ai_agent` message of this session, and every guideline and tool in `corrections` must exist (422 naming the field otherwise). A body with only `rating` and `comment` is operation `CREATE_CUSTOMER_FEEDBACK` (customer tokens may do it on their own sessions; the author is then `customer:<id>`); with `corrections` or `author` it is `CREATE_FEEDBACK`.',
    operation: ['CREATE_CUSTOMER_FEEDBACK', 'CREATE_FEEDBACK'],
    body: feedbackCreationSchema,
    response: feedbackDtoSchema,
    extension: true,
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listSessionFeedback',
    summary: "List a session's feedback",
    description: listingDescription,
    operation: 'LIST_FEEDBACK',
    query: sessionListQuery,
    response: listingDtoSchema(feedbackDtoSchema),
    extension: true,
  },
  {
    method: 'delete',
    path: '/:feedbackId',
    operationId: 'deleteFeedback',
    summary: 'Delete feedback',
    operation: 'DELETE_FEEDBACK',
    extension: true,
  },
]);

/** OpenAPI description of {@link feedbackRoutes}. */
export const feedbackDocs = describeRoutes('/feedback', 'feedback', [
  {
    method: 'get',
    path: '/',
    operationId: 'listFeedback',
    summary: 'List feedback across sessions',
    description: `Filters combine: the agent that wrote the judged messages, and a time window on when the feedback was given (\`since\` included, \`until\` excluded). ${listingDescription}`,
    operation: 'LIST_FEEDBACK',
    query: listQuery,
    response: listingDtoSchema(feedbackDtoSchema),
    extension: true,
  },
]);
