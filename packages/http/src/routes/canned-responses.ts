import { type CannedResponseField, cannedResponseIssues, NO_MATCH_TAG } from '@conduct/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, behaviorModel, services } from '../app-env.js';
import { cannedResponseDto } from '../dto/canned-response.js';
import { HttpError } from '../errors.js';
import { queryList } from '../query-types.js';
import { parseBody, parseQuery } from '../validation.js';
import { ensureTagsExist } from './checks.js';
import {
  applyMetadataChanges,
  applyTagChanges,
  metadataChangesSchema,
  tagChangesSchema,
} from './tag-changes.js';
import { customIdSchema, given, tagIdsSchema } from './wire-schemas.js';

const valueSchema = z.string().trim().min(1);
const fieldsSchema = z.array(
  z.object({ name: z.string().min(1), description: z.string(), examples: z.array(z.string()) }),
);

/** Body of `POST /canned_responses`. */
export const createSchema = z.object({
  value: valueSchema,
  fields: fieldsSchema,
  tags: tagIdsSchema.nullish(),
  signals: z.array(z.string()).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  field_dependencies: z.array(z.string()).nullish(),
  id: customIdSchema,
});

/** Body of `PATCH /canned_responses/{id}`. */
export const updateSchema = z.object({
  value: valueSchema.nullish(),
  fields: fieldsSchema.nullish(),
  tags: tagChangesSchema.nullish(),
  metadata: metadataChangesSchema.nullish(),
});

/** Query of `GET /canned_responses`. */
export const listQuery = z.object({ tags: queryList.optional() });

/** `/canned_responses` (docs/compatibility.md#canned-responses; the path uses an underscore). */
export const cannedResponseRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_CANNED_RESPONSE');
    const body = await parseBody(c, createSchema);
    checkTemplate(body.value, body.fields, body.field_dependencies);
    const response = await behaviorModel(c).cannedResponses.create(
      {
        id: given(body.id),
        value: body.value,
        fields: body.fields,
        tags: given(body.tags),
        signals: given(body.signals),
        metadata: given(body.metadata),
        fieldDependencies: given(body.field_dependencies),
      },
      { check: (tx) => ensureTagsExist(tx, withoutReservedTags(body.tags)) },
    );
    return c.json(cannedResponseDto(response), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_CANNED_RESPONSES');
    const query = parseQuery(c, listQuery);
    const responses = await services(c).store.cannedResponses.list({ tags: query.tags });
    return c.json(responses.map(cannedResponseDto));
  })
  .get('/:cannedResponseId', async (c) => {
    await authorize(c, 'READ_CANNED_RESPONSE');
    const response = await services(c).store.cannedResponses.get(c.req.param('cannedResponseId'));
    return c.json(cannedResponseDto(response));
  })
  .patch('/:cannedResponseId', async (c) => {
    await authorize(c, 'UPDATE_CANNED_RESPONSE');
    const body = await parseBody(c, updateSchema);
    const response = await behaviorModel(c).cannedResponses.update(
      c.req.param('cannedResponseId'),
      async (current, tx) => {
        if (body.value != null || body.fields != null) {
          checkTemplate(
            body.value ?? current.value,
            body.fields ?? current.fields,
            current.fieldDependencies,
          );
        }
        await ensureTagsExist(tx, withoutReservedTags(body.tags?.add));
        return {
          value: given(body.value),
          fields: given(body.fields),
          tags: body.tags == null ? undefined : applyTagChanges(current.tags, body.tags),
          metadata:
            body.metadata == null
              ? undefined
              : applyMetadataChanges(current.metadata, body.metadata),
        };
      },
    );
    return c.json(cannedResponseDto(response));
  })
  .delete('/:cannedResponseId', async (c) => {
    await authorize(c, 'DELETE_CANNED_RESPONSE');
    await behaviorModel(c).cannedResponses.delete(c.req.param('cannedResponseId'));
    return c.body(null, 204);
  });

const WIRE_PART = { value: 'value', fields: 'fields', fieldDependencies: 'field_dependencies' };

/**
 * 422 listing every problem of the template: malformed `{{ }}`, unknown `std.` fields, and —
 * when fields are declared — placeholders and declared fields that do not match.
 */
function checkTemplate(
  value: string,
  fields: CannedResponseField[],
  fieldDependencies: readonly string[] | null | undefined,
): void {
  const issues = cannedResponseIssues({
    value,
    fields,
    fieldDependencies: fieldDependencies ?? [],
  });
  if (issues.length === 0) return;
  throw new HttpError(
    422,
    issues.map((issue) => ({
      type: 'value_error',
      loc: ['body', WIRE_PART[issue.part]],
      msg: issue.message,
    })),
  );
}

// The no-match tag is reserved (like the preamble tag): it names no stored tag.
function withoutReservedTags(tags: readonly string[] | null | undefined): string[] | undefined {
  return tags?.filter((tag) => tag !== NO_MATCH_TAG);
}
