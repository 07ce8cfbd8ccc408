import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, services } from '../app-env.js';
import { tagDto } from '../dto/tag.js';
import { parseBody, parseQuery } from '../validation.js';
import { isBuiltInTag } from './checks.js';
import { deleteRelationshipsOf } from './relationship-cascade.js';
import { customIdSchema } from './wire-schemas.js';

const nameSchema = z.string().trim().min(1).max(50);

const createSchema = z.object({
  name: nameSchema,
  id: customIdSchema.refine(
    (id) => id == null || !isBuiltInTag(id),
    'id must not look like a built-in tag (agent:, journey:, journey_node:, guideline:)',
  ),
});

/** `/tags` (reference §1.4). */
export const tagRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_TAG');
    const body = await parseBody(c, createSchema);
    const tag = await services(c).store.tags.create({ id: body.id ?? undefined, name: body.name });
    return c.json(tagDto(tag), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_TAGS');
    const query = parseQuery(c, z.object({ name: z.string().optional() }));
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
    const body = await parseBody(c, z.object({ name: nameSchema }));
    const { store } = services(c);
    const current = await store.tags.get(c.req.param('tagId'));
    return c.json(tagDto(await store.tags.update(current.id, { name: body.name })));
  })
  .delete('/:tagId', async (c) => {
    await authorize(c, 'DELETE_TAG');
    const { store } = services(c);
    const tagId = c.req.param('tagId');
    await store.tags.delete(tagId);
    await deleteRelationshipsOf(store, { type: 'tag', id: tagId });
    return c.body(null, 204);
  });
