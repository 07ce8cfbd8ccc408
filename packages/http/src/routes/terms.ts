import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, behaviorModel, services } from '../app-env.js';
import { termDto } from '../dto/term.js';
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

const nameSchema = z.string().trim().min(1).max(100);
const descriptionSchema = z.string().trim().min(1);
const synonymsSchema = z.array(z.string().trim().min(1));

/** Body of `POST /terms`. */
export const createSchema = z.object({
  name: nameSchema,
  description: descriptionSchema,
  synonyms: synonymsSchema.nullish(),
  tags: tagIdsSchema.nullish(),
  id: customIdSchema,
});

/** Body of `PATCH /terms/{id}`. */
export const updateSchema = z.object({
  name: nameSchema.nullish(),
  description: descriptionSchema.nullish(),
  synonyms: synonymsSchema.nullish(),
  tags: tagChangesSchema.nullish(),
});

/** `/terms`, the glossary (docs/compatibility.md#glossary-terms). */
export const termRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_TERM');
    const body = await parseBody(c, createSchema);
    const term = await behaviorModel(c).terms.create(
      {
        id: given(body.id),
        name: body.name,
        description: body.description,
        synonyms: given(body.synonyms),
        tags: given(body.tags),
      },
      { check: (tx) => ensureTagsExist(tx, body.tags) },
    );
    return c.json(termDto(term), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_TERMS');
    const query = parseQuery(c, tagIdQuerySchema);
    return c.json((await services(c).store.terms.list(tagFilter(query.tag_id))).map(termDto));
  })
  .get('/:termId', async (c) => {
    await authorize(c, 'READ_TERM');
    return c.json(termDto(await services(c).store.terms.get(c.req.param('termId'))));
  })
  .patch('/:termId', async (c) => {
    await authorize(c, 'UPDATE_TERM');
    const body = await parseBody(c, updateSchema);
    const term = await behaviorModel(c).terms.update(
      c.req.param('termId'),
      (current) => ({
        name: given(body.name),
        description: given(body.description),
        synonyms: given(body.synonyms),
        tags: body.tags == null ? undefined : applyTagChanges(current.tags, body.tags),
      }),
      { check: (tx) => ensureTagsExist(tx, body.tags?.add) },
    );
    return c.json(termDto(term));
  })
  .delete('/:termId', async (c) => {
    await authorize(c, 'DELETE_TERM');
    await behaviorModel(c).terms.delete(c.req.param('termId'));
    return c.body(null, 204);
  });
