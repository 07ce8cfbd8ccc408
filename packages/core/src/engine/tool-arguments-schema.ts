import { z } from 'zod';
import type { Tool } from '../tools/define-tool.js';

// Value constraints the model cannot be trusted to respect; the tool's own schema checks them.
const CONSTRAINTS = new Set([
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'default',
  '$schema',
]);

/**
 * The schema a model fills when it proposes a tool call: the tool's parameters with their
 * *shape* (types, enums, nesting) but without value constraints, and with every top-level
 * parameter nullable and required. So a model can say "not known yet" (`null`) and a value
 * that breaks a constraint still arrives — and the tool's real schema then turns both into
 * precise insights (missing / invalid argument) instead of one opaque output failure.
 */
export function proposedArgumentsSchema(tool: Tool): z.ZodType<Record<string, unknown>> {
  const parameters = stripConstraints(tool.parametersJsonSchema) as {
    properties?: Record<string, unknown>;
  };
  const properties = Object.fromEntries(
    Object.entries(parameters.properties ?? {}).map(([name, schema]) => [
      name,
      { anyOf: [schema, { type: 'null' }] },
    ]),
  );
  const schema = {
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  } as Parameters<typeof z.fromJSONSchema>[0];
  return z.fromJSONSchema(schema) as z.ZodType<Record<string, unknown>>;
}

function stripConstraints(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripConstraints);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !CONSTRAINTS.has(key))
      .map(([key, value]) =>
        // `properties` maps names to schemas: strip inside, but never drop a property by name.
        key === 'properties' && typeof value === 'object' && value !== null
          ? [
              key,
              Object.fromEntries(
                Object.entries(value).map(([name, inner]) => [name, stripConstraints(inner)]),
              ),
            ]
          : [key, stripConstraints(value)],
      ),
  );
}
