import type { z } from 'zod';
import { parseOrThrow } from '../errors/from-zod.js';
import { generateId } from '../util/ids.js';
import { nowIso } from '../util/time.js';

/**
 * Turns create-input into a full entity: validates it (throwing `ValidationError`), applies
 * defaults, and assigns an id (unless a custom one was given) and `createdAt`.
 * Every store implementation uses this, so defaults and validation cannot diverge between stores.
 */
export function buildEntity<S extends z.ZodType<{ id?: string | undefined }>>(
  schema: S,
  input: unknown,
  entity: string,
): Omit<z.output<S>, 'id'> & { id: string; createdAt: string } {
  const parsed = parseOrThrow(schema, input, entity);
  return { ...parsed, id: parsed.id ?? generateId(), createdAt: nowIso() };
}

/**
 * Validates a patch (throwing `ValidationError`) and returns only the fields it sets, so that
 * `{ name: undefined }` never erases a field.
 */
export function parsePatch<S extends z.ZodType<object>>(
  schema: S,
  patch: unknown,
  entity: string,
): Partial<z.output<S>> {
  const parsed = parseOrThrow(schema, patch, `${entity} update`) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(parsed).filter(([, value]) => value !== undefined),
  ) as Partial<z.output<S>>;
}
