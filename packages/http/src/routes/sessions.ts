import { generateTraceId, labelsSchema, sessionModeSchema } from '@conduct/core';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  type AppEnv,
  authorize,
  authorizedSession,
  refuseUnavailableAgent,
  services,
  sessionCustomer,
} from '../app-env.js';
import { listingDtoSchema, pageDto } from '../dto/page.js';
import { sessionDto, sessionDtoSchema } from '../dto/session.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { queryBoolean, queryList } from '../query-types.js';
import { parseBody, parseQuery, peekBody, peekedField } from '../validation.js';
import { eventRoutes } from './events.js';
import { sessionFeedbackRoutes } from './feedback.js';
import { pageOptions, pageQueryShape } from './page-query.js';
import { applyMetadataChanges, applyTagChanges, metadataChangesSchema } from './tag-changes.js';
import { traceRoutes } from './traces.js';
import { ignoreTurnOutcome } from './turn-outcome.js';

const createQuery = z.object({ allow_greeting: queryBoolean.default(false) });

const createSchema = z.object({
  agent_id: z.string().min(1),
  customer_id: z.string().min(1).nullish(),
  title: z.string().max(200).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  labels: labelsSchema.nullish(),
});

const filterShape = { agent_id: z.string().optional(), customer_id: z.string().optional() };
const listQuery = z.object({ ...filterShape, labels: queryList.optional(), ...pageQueryShape });
const deleteManyQuery = z.object(filterShape);

const updateSchema = z.object({
  consumption_offsets: z.object({ client: z.number().int().min(0).optional() }).optional(),
  title: z.string().max(200).nullish(),
  mode: sessionModeSchema.optional(),
  customer_id: z.string().min(1).optional(),
  agent_id: z.string().min(1).optional(),
  metadata: metadataChangesSchema.optional(),
  labels: z.object({ upsert: labelsSchema.optional(), remove: labelsSchema.optional() }).optional(),
});

function sessionFilter(query: { agent_id?: string; customer_id?: string; labels?: string[] }) {
  return {
    ...(query.agent_id === undefined ? {} : { agentId: query.agent_id }),
    ...(query.customer_id === undefined ? {} : { customerId: query.customer_id }),
    ...(query.labels === undefined ? {} : { labels: query.labels }),
  };
}

/**
 * `/sessions` (docs/compatibility.md#sessions-and-events), with the events (`/:sessionId/events`)
 * and the decision-record and feedback extensions (`/:sessionId/traces`, `/:sessionId/feedback`)
 * mounted below it.
 */
export const sessionRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    // Authorized before anything is validated (the operation comes from the body as sent), so a
    // caller who may not create the session gets 403, never a validation error.
    const customerId = peekedField(await peekBody(c), 'customer_id');
    await authorize(c, customerId ? 'CREATE_CUSTOMER_SESSION' : 'CREATE_GUEST_SESSION');
    const query = parseQuery(c, createQuery);
    const body = await parseBody(c, createSchema);
    const { store, engine } = services(c);
    refuseUnavailableAgent(c, body.agent_id);
    const session = await store.sessions.create({
      agentId: body.agent_id,
      ...sessionCustomer(c, 'CREATE_CUSTOMER_SESSION', body.customer_id),
      title: body.title ?? null,
      metadata: body.metadata ?? {},
      labels: body.labels ?? [],
    });
    // The greeting runs in the background under this request's trace
    // (docs/compatibility.md#trace-ids).
    if (query.allow_greeting) ignoreTurnOutcome(engine.respond(session.id, generateTraceId()));
    return c.json(sessionDto(session), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_SESSIONS');
    const query = parseQuery(c, listQuery);
    const page = await services(c).store.sessions.page({
      ...sessionFilter(query),
      ...pageOptions(query),
    });
    return query.limit === undefined
      ? c.json(page.items.map(sessionDto))
      : c.json(pageDto(page, sessionDto));
  })
  .delete('/', async (c) => {
    await authorize(c, 'DELETE_SESSIONS');
    await services(c).store.sessions.deleteMany(sessionFilter(parseQuery(c, deleteManyQuery)));
    return c.body(null, 204);
  })
  .get('/:sessionId', async (c) => {
    await authorize(c, 'READ_SESSION');
    return c.json(sessionDto(await authorizedSession(c, 'READ_SESSION', c.req.param('sessionId'))));
  })
  .patch('/:sessionId', async (c) => {
    await authorize(c, 'UPDATE_SESSION');
    const current = await authorizedSession(c, 'UPDATE_SESSION', c.req.param('sessionId'));
    const body = await parseBody(c, updateSchema);
    const { store } = services(c);
    if (body.agent_id !== undefined) await store.agents.get(body.agent_id);
    const session = await store.sessions.update(current.id, {
      ...(body.consumption_offsets?.client === undefined
        ? {}
        : { consumptionOffsets: { client: body.consumption_offsets.client } }),
      ...(body.title === undefined ? {} : { title: body.title }),
      ...(body.mode === undefined ? {} : { mode: body.mode }),
      ...(body.customer_id === undefined ? {} : { customerId: body.customer_id }),
      ...(body.agent_id === undefined ? {} : { agentId: body.agent_id }),
      ...(body.metadata === undefined
        ? {}
        : { metadata: applyMetadataChanges(current.metadata, body.metadata) }),
      ...(body.labels === undefined
        ? {}
        : {
            labels: applyTagChanges(current.labels, {
              add: body.labels.upsert,
              remove: body.labels.remove,
            }),
          }),
    });
    return c.json(sessionDto(session));
  })
  .delete('/:sessionId', async (c) => {
    await authorize(c, 'DELETE_SESSION');
    await authorizedSession(c, 'DELETE_SESSION', c.req.param('sessionId'));
    await services(c).store.sessions.delete(c.req.param('sessionId'));
    return c.body(null, 204);
  })
  .route('/:sessionId/events', eventRoutes)
  .route('/:sessionId/traces', traceRoutes)
  .route('/:sessionId/feedback', sessionFeedbackRoutes);

/** OpenAPI description of {@link sessionRoutes} (events and traces have their own). */
export const sessionDocs = describeRoutes('/sessions', 'sessions', [
  {
    method: 'post',
    path: '/',
    operationId: 'createSession',
    client: 'sessions.create',
    summary: 'Create a session',
    description:
      'Without `customer_id` the session belongs to the guest. `allow_greeting=true` lets the agent speak first. An agent out of service (its agent module is not loaded, or it names unregistered tools) answers 409.',
    operation: ['CREATE_GUEST_SESSION', 'CREATE_CUSTOMER_SESSION'],
    query: createQuery,
    body: createSchema,
    response: sessionDtoSchema,
    errors: [409],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listSessions',
    client: 'sessions.list',
    summary: 'List sessions',
    description:
      'Filters combine; `labels` repeats (`labels=a&labels=b`, all must match). A plain array without `limit`, a page with it.',
    operation: 'LIST_SESSIONS',
    query: listQuery,
    response: listingDtoSchema(sessionDtoSchema),
  },
  {
    method: 'delete',
    path: '/',
    operationId: 'deleteSessions',
    client: 'sessions.deleteMany',
    summary: 'Delete sessions (all of them without a filter)',
    operation: 'DELETE_SESSIONS',
    query: deleteManyQuery,
  },
  {
    method: 'get',
    path: '/:sessionId',
    operationId: 'retrieveSession',
    client: 'sessions.retrieve',
    summary: 'Read a session',
    operation: 'READ_SESSION',
    response: sessionDtoSchema,
  },
  {
    method: 'patch',
    path: '/:sessionId',
    operationId: 'updateSession',
    client: 'sessions.update',
    summary: 'Update a session',
    description: '`mode: manual` hands the session to a human: the engine stays silent.',
    operation: 'UPDATE_SESSION',
    body: updateSchema,
    response: sessionDtoSchema,
  },
  {
    method: 'delete',
    path: '/:sessionId',
    operationId: 'deleteSession',
    client: 'sessions.delete',
    summary: 'Delete a session and its events',
    operation: 'DELETE_SESSION',
  },
]);
