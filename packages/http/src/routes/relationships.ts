import { type RelationshipEndpoint, toolRefSchema } from '@conduct/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, behaviorModel, services } from '../app-env.js';
import {
  domainKindOf,
  relationshipDtoSchema,
  wireRelationshipKindSchema,
} from '../dto/relationship.js';
import { HttpError } from '../errors.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { queryBoolean } from '../query-types.js';
import { parseBody, parseQuery } from '../validation.js';
import { unprocessable } from './checks.js';
import { endpointOfSide, endpointOfTag, ensureEndpointExists } from './relationship-endpoints.js';
import { relationshipsInvolving, sameEndpoint } from './relationship-graph.js';
import { relationshipDtos } from './relationship-view.js';
import { toolIdSchema } from './wire-schemas.js';

const entityId = z.string().min(1).nullish();

const createSchema = z.object({
  source_guideline: entityId,
  source_tag: entityId,
  source_tool: toolIdSchema.nullish(),
  target_guideline: entityId,
  target_tag: entityId,
  target_tool: toolIdSchema.nullish(),
  kind: wireRelationshipKindSchema,
});

const listSchema = z.object({
  kind: wireRelationshipKindSchema.optional(),
  indirect: queryBoolean.default(true),
  guideline_id: z.string().optional(),
  tag_id: z.string().optional(),
  tool_id: toolRefSchema.optional(),
});

/**
 * `/relationships` (docs/compatibility.md#relationships-and-capabilities); kinds travel under their
 * wire names.
 */
export const relationshipRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_RELATIONSHIP');
    const body = await parseBody(c, createSchema);
    const source = endpointOfSide(
      { guideline: body.source_guideline, tag: body.source_tag, tool: body.source_tool },
      'source',
    );
    const target = endpointOfSide(
      { guideline: body.target_guideline, tag: body.target_tag, tool: body.target_tool },
      'target',
    );
    if (sameEndpoint(source, target)) {
      throw unprocessable(null, 'source and target cannot be the same entity');
    }
    const relationship = await behaviorModel(c).relationships.create(
      { kind: domainKindOf(body.kind), source, target },
      {
        async check(tx) {
          await ensureEndpointExists(c, tx, source);
          await ensureEndpointExists(c, tx, target);
        },
      },
    );
    const [dto] = await relationshipDtos(c, [relationship]);
    return c.json(dto, 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_RELATIONSHIPS');
    const query = parseQuery(c, listSchema);
    // An empty filter is a 422 (parseQuery), not "every relationship" as in the reference.
    const endpoints: RelationshipEndpoint[] = [];
    if (query.guideline_id) endpoints.push({ type: 'guideline', id: query.guideline_id });
    if (query.tag_id) endpoints.push(endpointOfTag(query.tag_id));
    if (query.tool_id) endpoints.push({ type: 'tool', id: query.tool_id });
    if (endpoints.length > 1) {
      throw new HttpError(422, [
        {
          type: 'value_error',
          loc: ['query'],
          msg: 'Give at most one of guideline_id, tag_id and tool_id',
        },
      ]);
    }
    const all = await services(c).store.relationships.list(
      query.kind === undefined ? {} : { kind: domainKindOf(query.kind) },
    );
    const [endpoint] = endpoints;
    const selected =
      endpoint === undefined ? all : relationshipsInvolving(all, endpoint, query.indirect);
    return c.json(await relationshipDtos(c, selected));
  })
  .get('/:relationshipId', async (c) => {
    await authorize(c, 'READ_RELATIONSHIP');
    const relationship = await services(c).store.relationships.get(c.req.param('relationshipId'));
    const [dto] = await relationshipDtos(c, [relationship]);
    return c.json(dto);
  })
  .delete('/:relationshipId', async (c) => {
    await authorize(c, 'DELETE_RELATIONSHIP');
    await behaviorModel(c).relationships.delete(c.req.param('relationshipId'));
    return c.body(null, 204);
  });

/** OpenAPI description of {@link relationshipRoutes}. */
export const relationshipDocs = describeRoutes('/relationships', 'relationships', [
  {
    method: 'post',
    path: '/',
    operationId: 'createRelationship',
    client: 'relationships.create',
    summary: 'Create a relationship',
    description:
      'Exactly one of `*_guideline`, `*_tag` (`journey:<id>` for a journey) and `*_tool` per side.',
    operation: 'CREATE_RELATIONSHIP',
    body: createSchema,
    response: relationshipDtoSchema,
    errors: [404],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listRelationships',
    client: 'relationships.list',
    summary: 'List relationships',
    operation: 'LIST_RELATIONSHIPS',
    query: listSchema,
    response: z.array(relationshipDtoSchema),
  },
  {
    method: 'get',
    path: '/:relationshipId',
    operationId: 'retrieveRelationship',
    client: 'relationships.retrieve',
    summary: 'Read a relationship',
    operation: 'READ_RELATIONSHIP',
    response: relationshipDtoSchema,
  },
  {
    method: 'delete',
    path: '/:relationshipId',
    operationId: 'deleteRelationship',
    client: 'relationships.delete',
    summary: 'Delete a relationship',
    operation: 'DELETE_RELATIONSHIP',
  },
]);
