import { toJsonSchema } from '@conduct/core';
import { z } from 'zod';
import type { JsonSchema } from './openai-json-schema.js';
import { stripOptionalNulls } from './openai-null-stripping.js';
import { toStrictJsonSchema } from './openai-strict-schema.js';

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

/** An OpenAI `json_schema` response format. */
export interface JsonSchemaResponseFormat {
  type: 'json_schema';
  json_schema: { name: string; schema: JsonSchema; strict: boolean };
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

/** The `json_schema` response format: strict when strict mode can express the schema. */
export function jsonSchemaFormat(
  prepared: PreparedSchema<unknown>,
  name: string,
): JsonSchemaResponseFormat {
  const strict = prepared.strictSchema !== undefined;
  return {
    type: 'json_schema',
    json_schema: { name, schema: prepared.strictSchema ?? prepared.jsonSchema, strict },
  };
}

/** A schema name OpenAI accepts (`^[a-zA-Z0-9_-]{1,64}$`), from `schemaName` or the task. */
export function schemaNameFor(schemaName: string | undefined, task: string): string {
  const name = (schemaName ?? task).replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return name === '' ? 'output' : name;
}

/**
 * The `response_format` this adapter sends for `schema`, for code that calls the SDK directly
 * or wants to see what a schema becomes: strict whenever strict mode can express it (optional
 * properties become required and nullable; the adapter turns those `null`s back into absent
 * properties before validating). Throws `ConfigurationError` for schemas JSON cannot describe.
 */
export function toOpenAIResponseFormat(
  schema: z.ZodType,
  name = 'output',
): JsonSchemaResponseFormat {
  return jsonSchemaFormat(prepareSchema(schema), schemaNameFor(name, 'output'));
}
