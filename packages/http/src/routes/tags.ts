import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, behaviorModel, services } from '../app-env.js';
import { tagDto, tagDtoSchema } from '../dto/tag.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { parseBody, parseQuery } from '../validation.js';
import { isBuiltInTag } from './checks.js';
import { customIdSchema } from './wire-schemas.js';

const nameSchema = z.string().trim().min(1).max(50);

const listQuery = z.object({ name: z.string().optional() });
const updateSchema = z.object({ name: nameSchema });

const createSchema = z.object({
  name: nameSchema,
  id: customIdSchema.refine(
    (id) => id == null || !isBuiltInTag(id),
    'id must not look like a built-in tag (agent:, journey:, journey_node:, guideline:)',
  ),
});

/** `/tags` (docs/compatibility.md#tags). */
export const tagRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_TAG');
    const body = await parseBody(c, createSchema);
    const tag = await behaviorModel(c).tags.create({ id: body.id ?? undefined, name: body.name });
    return c.json(tagDto(tag), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_TAGS');
    const query = parseQuery(c, listQuery);
    const tags = await services(c).store.tags.list(
      query.name === undefined ? {} : { name: query.name },
    );
    return c.json(tags.map(tagDto));
  })
  .get('/:tagId', async (c) => {
    await authorize(c, 'READ_TAG');
    return c.json(tagDto(await services(c).store.tags.get(c.req.param('tagId'))));
  })
  .patch('/:tagId', async (c) => {
    await authorize(c, 'UPDATE_TAG');
    const body = await parseBody(c, updateSchema);
    const tag = await behaviorModel(c).tags.update(c.req.param('tagId'), { name: body.name });
    return c.json(tagDto(tag));
  })
  .delete('/:tagId', async (c) => {
    await authorize(c, 'DELETE_TAG');
    await behaviorModel(c).tags.delete(c.req.param('tagId'));
    return c.body(null, 204);
  });

/** OpenAPI description of {@link tagRoutes}. */
export const tagDocs = describeRoutes('/tags', 'tags', [
  {
    method: 'post',
    path: '/',
    operationId: 'createTag',
    client: 'tags.create',
    summary: 'Create a tag',
    operation: 'CREATE_TAG',
    body: createSchema,
    response: tagDtoSchema,
    errors: [409],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listTags',
    client: 'tags.list',
    summary: 'List tags',
    operation: 'LIST_TAGS',
    query: listQuery,
    response: z.array(tagDtoSchema),
  },
  {
    method: 'get',
    path: '/:tagId',
    operationId: 'retrieveTag',
    client: 'tags.retrieve',
    summary: 'Read a tag',
    operation: 'READ_TAG',
    response: tagDtoSchema,
  },
  {
    method: 'patch',
    path: '/:tagId',
    operationId: 'updateTag',
    client: 'tags.update',
    summary: 'Rename a tag',
    operation: 'UPDATE_TAG',
    body: updateSchema,
    response: tagDtoSchema,
  },
  {
    method: 'delete',
    path: '/:tagId',
    operationId: 'deleteTag',
    client: 'tags.delete',
    summary: 'Delete a tag (and its relationships)',
    operation: 'DELETE_TAG',
  },
]);
