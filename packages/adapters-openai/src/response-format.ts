import type { z } from 'zod';
import type { JsonSchema } from './json-schema-utils.js';
import { type PreparedSchema, prepareSchema } from './prepared-schema.js';

/** An OpenAI `json_schema` response format. */
export interface JsonSchemaResponseFormat {
  type: 'json_schema';
  json_schema: { name: string; schema: JsonSchema; strict: boolean };
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
