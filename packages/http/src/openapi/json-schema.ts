import { z } from 'zod';
import { wireSchemas } from './schema-registry.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1) as a plain object. */
export type JsonSchema = Record<string, unknown>;

const DEFS_REF = '#/$defs/';
const COMPONENTS_REF = '#/components/schemas/';

/**
 * zod's global metadata (`.describe()`, `.meta()`) plus the component names of `wireSchemas`:
 * names stay out of the global registry, where a module loaded twice would clash on ids.
 */
const mergedRegistry = {
  get(schema: z.ZodType) {
    const global = z.globalRegistry.get(schema);
    const wire = wireSchemas.get(schema);
    return global === undefined && wire === undefined ? undefined : { ...global, ...wire };
  },
} as unknown as typeof z.globalRegistry;

/**
 * Converts zod schemas to the JSON Schemas of one OpenAPI document, collecting the named wire
 * schemas (see `named`) as shared components referenced with `$ref`.
 */
export class SchemaConverter {
  /** Named schemas met so far, by component name. */
  readonly components: Record<string, JsonSchema> = {};

  /**
   * `io: 'input'` describes what a request may send (before transforms: query strings, defaults
   * optional); `'output'` what a response carries.
   */
  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const converted = z.toJSONSchema(schema, {
      io,
      metadata: mergedRegistry,
      unrepresentable: 'any',
      ...(io === 'input' ? { override: restoreDefault } : {}),
    }) as JsonSchema;
    const { $defs, ...root } = converted;
    for (const [name, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      this.components[name] ??= clean(definition);
    }
    return clean(root);
  }
}

/** Whether `value` is an instance of the JSON Schema `type` (a string or a list of them). */
function fitsType(type: unknown, value: unknown): boolean {
  if (Array.isArray(type)) return type.some((entry) => fitsType(entry, value));
  if (value === null) return type === 'null';
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && !Array.isArray(value);
  return typeof value === type;
}

/**
 * zod leaves out the `default` of a transforming schema in `input` mode, since the default is an
 * output value. Query integers and booleans transform strings but document their output type
 * (`queryInteger` is `type: integer`), so their default is put back where it fits that type.
 */
function restoreDefault(context: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const def = (context.zodSchema as z.ZodType)._zod.def;
  if (def.type !== 'default' || 'default' in context.jsonSchema) return;
  const value = (def as z.core.$ZodDefaultDef).defaultValue;
  if (value !== undefined && fitsType(context.jsonSchema.type, value)) {
    context.jsonSchema.default = JSON.parse(JSON.stringify(value));
  }
}

/** Drops dialect noise and rewrites local `$defs` references to component references. */
function clean(value: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, entry] of Object.entries(value)) {
    if (key === '$schema' || key === '$id') continue;
    if (key === '$ref' && typeof entry === 'string' && entry.startsWith(DEFS_REF)) {
      out.$ref = COMPONENTS_REF + entry.slice(DEFS_REF.length);
    } else {
      out[key] = cleanEntry(entry);
    }
  }
  // Query integers and booleans are validated as strings; their documented type is the value's.
  if (typeof out.type === 'string' && out.type !== 'string' && typeof out.pattern === 'string') {
    delete out.pattern;
  }
  return out;
}

function cleanEntry(entry: unknown): unknown {
  if (Array.isArray(entry)) return entry.map(cleanEntry);
  if (entry !== null && typeof entry === 'object') return clean(entry as JsonSchema);
  return entry;
}
