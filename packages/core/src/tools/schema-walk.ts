import type { z } from 'zod';
import { isPlainObject } from './tool-result.js';

type AnySchema = z.core.$ZodType;
type Def = {
  type?: string;
  innerType?: AnySchema;
  in?: AnySchema;
  element?: AnySchema;
  shape?: unknown;
};

// Wrappers that change optionality or add defaults but keep the underlying value's shape.
const WRAPPERS = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'nonoptional',
  'readonly',
  'catch',
]);

function defOf(schema: AnySchema): Def {
  return schema._zod.def as Def;
}

/** The wrapped schemas from outside in: `z.string().optional()` → [optional, string]. */
function layers(schema: AnySchema): AnySchema[] {
  const out: AnySchema[] = [schema];
  let current = schema;
  for (;;) {
    const def = defOf(current);
    const next =
      def.type && WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined;
    if (!next) return out;
    out.push(next);
    current = next;
  }
}

function core(schema: AnySchema): AnySchema {
  return layers(schema).at(-1) ?? schema;
}

/** The schema of a field at `path` (object keys and array indexes), or undefined. */
export function schemaAt(root: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let current: AnySchema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(core(current));
    if (def.type === 'object' && typeof segment === 'string') {
      current = (def.shape as Record<string, AnySchema>)[segment];
    } else if (def.type === 'array' && typeof segment === 'number') {
      current = def.element;
    } else {
      return undefined;
    }
  }
  return current;
}

/** The `.describe()` text of a schema, looking through optional/default wrappers. */
export function describeSchema(schema: AnySchema | undefined): string | undefined {
  if (!schema) return undefined;
  for (const layer of layers(schema)) {
    const text = (layer as { description?: unknown }).description;
    if (typeof text === 'string' && text.trim() !== '') return text;
  }
  return undefined;
}

function accepts(schema: AnySchema, value: unknown): boolean {
  return (schema as z.ZodType).safeParse(value).success;
}

/**
 * Drops `null` values of optional fields that do not accept `null` themselves, through nested
 * objects and arrays of objects: models fill "don't know" optional fields with `null`, and the
 * tool should see them as absent (so defaults apply) rather than fail validation.
 */
export function dropNullOptionals(schema: AnySchema, value: unknown): unknown {
  if (Array.isArray(value)) {
    const def = defOf(core(schema));
    return def.type === 'array' && def.element
      ? value.map((item) => dropNullOptionals(def.element as AnySchema, item))
      : value;
  }
  if (!isPlainObject(value)) return value;
  const def = defOf(core(schema));
  if (def.type !== 'object') return value;
  const shape = def.shape as Record<string, AnySchema>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (!field) {
      setOwn(out, key, item);
    } else if (item === null) {
      if (!accepts(field, undefined) || accepts(field, null)) setOwn(out, key, null);
    } else {
      setOwn(out, key, dropNullOptionals(field, item));
    }
  }
  return out;
}

/** Keeps only the keys `schema` (a zod object) declares; returns the kept object and the dropped keys. */
export function pickDeclaredKeys(
  schema: z.ZodObject,
  value: Record<string, unknown>,
): { kept: Record<string, unknown>; dropped: string[] } {
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (Object.hasOwn(schema.shape, key)) setOwn(kept, key, item);
    else dropped.push(key);
  }
  return { kept, dropped };
}

// A plain assignment of a `__proto__` key (possible in parsed JSON) would replace the prototype.
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
