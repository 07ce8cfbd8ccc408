import type { z } from 'zod';
import { parseOrThrow } from '../errors/from-zod.js';
import { generateId } from '../util/ids.js';

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
  return { ...parsed, id: parsed.id ?? generateId(), createdAt: nextCreatedAt() };
}

let lastNowMs = 0;
let lastCreatedMs = 0;

/**
 * The creation time of a new entity: now, or 1 ms after the previous one when the clock has
 * not moved on. Lists are ordered by creation time, then id: without this, entities created in
 * the same millisecond (an agent module's sync defines dozens) would list — and appear in
 * prompts — in the order of their random ids, which differs from run to run. However long a
 * burst runs ahead of the clock, order holds; only a clock that goes back (a test setting it)
 * starts again from the clock.
 */
function nextCreatedAt(): string {
  const now = Date.now();
  lastCreatedMs = now < lastNowMs ? now : Math.max(now, lastCreatedMs + 1);
  lastNowMs = now;
  return new Date(lastCreatedMs).toISOString();
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
