import { idSchema } from '@conduct/core';
import { z } from 'zod';

const toolNamePart = z
  .string()
  .min(1)
  .regex(/^[^:\s]+$/, 'must not contain ":" or whitespace');

/** The wire's tool id object, `{service_name, tool_name}`. */
export const toolIdSchema = z.object({ service_name: toolNamePart, tool_name: toolNamePart });

/** A custom entity id given on create. */
export const customIdSchema = idSchema.nullish();

/** A list of tag ids given on create. */
export const tagIdsSchema = z.array(z.string().min(1));

/** A list of labels given on create. */
export const labelsSchema = z.array(z.string().min(1));

/** `{ upsert?, remove? }` edits of a label list, as guideline and journey PATCH bodies send them. */
export const labelChangesSchema = z.object({
  upsert: z.array(z.string().min(1)).nullish(),
  remove: z.array(z.string()).nullish(),
});

/** A query's optional `tag_id`. */
export const tagIdQuerySchema = z.object({ tag_id: z.string().optional() });

/** The `tags` filter of a list route for an optional `tag_id` query (parseQuery refuses ''). */
export function tagFilter(tagId: string | undefined): { tags?: string[] } {
  return tagId === undefined ? {} : { tags: [tagId] };
}

/** `null` (which the wire allows for every optional field) read as "not given". */
export function given<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}
