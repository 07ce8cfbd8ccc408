import { compositionModeSchema, criticalitySchema, type Guideline } from '@conduct/core';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, behaviorModel, services } from '../app-env.js';
import {
  guidelineDto,
  guidelineDtoSchema,
  toolAssociationDto,
  toolAssociationDtoSchema,
} from '../dto/guideline.js';
import { relationshipDtoSchema } from '../dto/relationship.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { parseBody, parseQuery } from '../validation.js';
import { ensureTagsExist } from './checks.js';
import { guidelinePatch, guidelineUpdateSchema } from './guideline-update.js';
import { relationshipDtosOf } from './relationship-view.js';
import {
  customIdSchema,
  given,
  labelsSchema,
  tagFilter,
  tagIdQuerySchema,
  tagIdsSchema,
} from './wire-schemas.js';

const createSchema = z.object({
  condition: z.string().trim().min(1),
  action: z.string().trim().min(1).nullish(),
  id: customIdSchema,
  description: z.string().nullish(),
  title: z.string().nullish(),
  criticality: criticalitySchema.nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  enabled: z.boolean().nullish(),
  tags: tagIdsSchema.nullish(),
  composition_mode: compositionModeSchema.nullish(),
  track: z.boolean().nullish(),
  labels: labelsSchema.nullish(),
  priority: z.number().int().nullish(),
});

/** `{guideline, relationships, tool_associations}`, what GET and PATCH of one guideline answer. */
async function guidelineWithRelations(c: Context<AppEnv>, guideline: Guideline) {
  return {
    guideline: guidelineDto(guideline),
    relationships: await relationshipDtosOf(c, { type: 'guideline', id: guideline.id }),
    tool_associations: guideline.tools.map((tool) => toolAssociationDto(guideline.id, tool)),
  };
}

/** `/guidelines` (docs/compatibility.md#guidelines); tools attach through `tool_associations`. */
export const guidelineRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_GUIDELINE');
    const body = await parseBody(c, createSchema);
    const guideline = await behaviorModel(c).guidelines.create(
      {
        id: given(body.id),
        condition: body.condition,
        action: body.action ?? null,
        title: body.title ?? null,
        description: body.description ?? null,
        criticality: given(body.criticality),
        enabled: given(body.enabled),
        priority: given(body.priority),
        track: given(body.track),
        tags: body.tags == null ? undefined : [...new Set(body.tags)],
        labels: body.labels == null ? undefined : [...new Set(body.labels)],
        metadata: given(body.metadata),
        compositionMode: body.composition_mode ?? null,
      },
      { check: (tx) => ensureTagsExist(tx, body.tags) },
    );
    return c.json(guidelineDto(guideline), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_GUIDELINES');
    const query = parseQuery(c, tagIdQuerySchema);
    const guidelines = await services(c).store.guidelines.list(tagFilter(query.tag_id));
    return c.json(guidelines.map(guidelineDto));
  })
  .get('/:guidelineId', async (c) => {
    await authorize(c, 'READ_GUIDELINE');
    const guideline = await services(c).store.guidelines.get(c.req.param('guidelineId'));
    return c.json(await guidelineWithRelations(c, guideline));
  })
  .patch('/:guidelineId', async (c) => {
    await authorize(c, 'UPDATE_GUIDELINE');
    const body = await parseBody(c, guidelineUpdateSchema);
    const guideline = await behaviorModel(c).guidelines.update(
      c.req.param('guidelineId'),
      (current, tx) => guidelinePatch({ c, tx, current, body }),
    );
    return c.json(await guidelineWithRelations(c, guideline));
  })
  .delete('/:guidelineId', async (c) => {
    await authorize(c, 'DELETE_GUIDELINE');
    await behaviorModel(c).guidelines.delete(c.req.param('guidelineId'));
    return c.body(null, 204);
  });

const guidelineWithRelationsSchema = z.object({
  guideline: guidelineDtoSchema,
  relationships: z.array(relationshipDtoSchema),
  tool_associations: z.array(toolAssociationDtoSchema),
});

/** OpenAPI description of {@link guidelineRoutes}. */
export const guidelineDocs = describeRoutes('/guidelines', 'guidelines', [
  {
    method: 'post',
    path: '/',
    operationId: 'createGuideline',
    client: 'guidelines.create',
    summary: 'Create a guideline',
    description: 'Without `action` the guideline is an observation.',
    operation: 'CREATE_GUIDELINE',
    body: createSchema,
    response: guidelineDtoSchema,
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listGuidelines',
    client: 'guidelines.list',
    summary: 'List guidelines',
    operation: 'LIST_GUIDELINES',
    query: tagIdQuerySchema,
    response: z.array(guidelineDtoSchema),
  },
  {
    method: 'get',
    path: '/:guidelineId',
    operationId: 'retrieveGuideline',
    client: 'guidelines.retrieve',
    summary: 'Read a guideline with its relationships and tool associations',
    operation: 'READ_GUIDELINE',
    response: guidelineWithRelationsSchema,
  },
  {
    method: 'patch',
    path: '/:guidelineId',
    operationId: 'updateGuideline',
    client: 'guidelines.update',
    summary: 'Update a guideline (tools via `tool_associations`)',
    operation: 'UPDATE_GUIDELINE',
    body: guidelineUpdateSchema,
    response: guidelineWithRelationsSchema,
  },
  {
    method: 'delete',
    path: '/:guidelineId',
    operationId: 'deleteGuideline',
    client: 'guidelines.delete',
    summary: 'Delete a guideline (its relationships, and canned responses gated on it alone)',
    operation: 'DELETE_GUIDELINE',
  },
]);
