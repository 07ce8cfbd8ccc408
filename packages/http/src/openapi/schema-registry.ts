import { z } from 'zod';

/** What a named wire schema carries in {@link wireSchemas}. */
export interface WireSchemaMeta {
  /** Component name in the OpenAPI document, e.g. `Agent`. */
  id: string;
  description?: string;
}

/**
 * Wire schemas that get a name in the OpenAPI document (`#/components/schemas/<id>`) and are
 * referenced wherever they appear. A private registry, so nothing leaks into zod's global one.
 */
export const wireSchemas = z.registry<WireSchemaMeta>();

/** Registers `schema` as the named component `id` and returns it. */
export function named<S extends z.ZodType>(schema: S, id: string, description?: string): S {
  wireSchemas.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

/** An ISO-8601 UTC timestamp as the wire carries it (`creation_utc`). */
export const timestampDto = z.string().meta({ format: 'date-time' });
