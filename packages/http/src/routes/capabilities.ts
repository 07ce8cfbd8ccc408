import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, behaviorModel, services } from '../app-env.js';
import { capabilityDto } from '../dto/capability.js';
import { parseBody, parseQuery } from '../validation.js';
import { ensureTagsExist } from './checks.js';
import { applyTagChanges, tagChangesSchema } from './tag-changes.js';
import {
  customIdSchema,
  given,
  tagFilter,
  tagIdQuerySchema,
  tagIdsSchema,
} from './wire-schemas.js';

const titleSchema = z.string().trim().min(1).max(100);
const signalsSchema = z.array(z.string());

/** Body of `POST /capabilities`. */
export const createSchema = z.object({
  title: titleSchema,
  description: z.string(),
  signals: signalsSchema,
  tags: tagIdsSchema.nullish(),
  id: customIdSchema,
});

/** Body of `PATCH /capabilities/{id}`. */
export const updateSchema = z.object({
  title: titleSchema.nullish(),
  description: z.string().nullish(),
  signals: signalsSchema.nullish(),
  tags: tagChangesSchema.nullish(),
});

/** `/capabilities` (docs/compatibility.md#relationships-and-capabilities). */
export const capabilityRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_CAPABILITY');
    const body = await parseBody(c, createSchema);
    const capability = await behaviorModel(c).capabilities.create(
      {
        id: given(body.id),
        title: body.title,
        description: body.description,
        signals: body.signals,
        tags: given(body.tags),
      },
      { check: (tx) => ensureTagsExist(tx, body.tags) },
    );
    return c.json(capabilityDto(capability), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_CAPABILITIES');
    const query = parseQuery(c, tagIdQuerySchema);
    const capabilities = await services(c).store.capabilities.list(tagFilter(query.tag_id));
    return c.json(capabilities.map(capabilityDto));
  })
  .get('/:capabilityId', async (c) => {
    await authorize(c, 'READ_CAPABILITY');
    const capability = await services(c).store.capabilities.get(c.req.param('capabilityId'));
    return c.json(capabilityDto(capability));
  })
  .patch('/:capabilityId', async (c) => {
    await authorize(c, 'UPDATE_CAPABILITY');
    const body = await parseBody(c, updateSchema);
    const capability = await behaviorModel(c).capabilities.update(
      c.req.param('capabilityId'),
      (current) => ({
        title: given(body.title),
        description: given(body.description),
        signals: given(body.signals),
        tags: body.tags == null ? undefined : applyTagChanges(current.tags, body.tags),
      }),
      { check: (tx) => ensureTagsExist(tx, body.tags?.add) },
    );
    return c.json(capabilityDto(capability));
  })
  .delete('/:capabilityId', async (c) => {
    await authorize(c, 'DELETE_CAPABILITY');
    await behaviorModel(c).capabilities.delete(c.req.param('capabilityId'));
    return c.body(null, 204);
  });
