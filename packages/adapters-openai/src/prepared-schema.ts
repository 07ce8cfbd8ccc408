import { toJsonSchema } from '@conduct/core';
import { z } from 'zod';
import type { JsonSchema } from './json-schema-utils.js';
import { stripOptionalNulls } from './null-stripping.js';
import { toStrictJsonSchema } from './strict-schema.js';

/** What a structured call needs from its zod schema, computed once per schema. */
export interface PreparedSchema<T> {
  /** The JSON Schema of what `schema.parse` reads (JSON mode, non-strict `json_schema`). */
  jsonSchema: JsonSchema;
  /** The strict-mode rewrite, or `undefined` when strict mode cannot express the schema. */
  strictSchema: JsonSchema | undefined;
  /** Why strict mode was not possible, when it was not. */
  notStrictReason: string | undefined;
  /** Validates an answer: the original schema after optional `null`s are removed. */
  parseSchema: z.ZodType<T>;
}

// Schemas are usually module-level constants, so each is converted once per process.
const cache = new WeakMap<z.ZodType, PreparedSchema<unknown>>();

/**
 * Prepares `schema` for structured calls. Throws `ConfigurationError` (from core's
 * `toJsonSchema`) when JSON Schema cannot describe it at all (dates, bigints, …).
 */
export function prepareSchema<S extends z.ZodType>(schema: S): PreparedSchema<z.output<S>> {
  const cached = cache.get(schema);
  if (cached) return cached as PreparedSchema<z.output<S>>;
  const jsonSchema = toJsonSchema(schema, { io: 'input' });
  const strict = toStrictJsonSchema(jsonSchema);
  const prepared: PreparedSchema<z.output<S>> = {
    jsonSchema,
    strictSchema: strict.ok ? strict.schema : undefined,
    notStrictReason: strict.ok ? undefined : strict.reason,
    parseSchema: z.preprocess((value) => stripOptionalNulls(value, jsonSchema), schema),
  };
  cache.set(schema, prepared);
  return prepared;
}
