import { acceptsNull, isObject, type JsonSchema } from './openai-json-schema.js';

/** Outcome of {@link toStrictJsonSchema}. */
export type StrictSchemaResult = { ok: true; schema: JsonSchema } | { ok: false; reason: string };

// Structure strict mode cannot express: a schema that uses one is sent with `strict: false`.
const UNSUPPORTED = [
  '$anchor',
  '$dynamicAnchor',
  '$dynamicRef',
  '$recursiveAnchor',
  '$recursiveRef',
  'additionalItems',
  'allOf',
  'contains',
  'contentSchema',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'else',
  'if',
  'not',
  'patternProperties',
  'prefixItems',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
];
// Pure constraints strict mode rejects: dropped from the request only, the zod schema still
// enforces them on the answer (and a violation gets the usual repair attempt).
const DROPPED = [
  'contentEncoding',
  'contentMediaType',
  'maxContains',
  'maxProperties',
  'minContains',
  'minProperties',
  'uniqueItems',
];
const TYPE_KEYWORDS = ['type', 'anyOf', 'oneOf', '$ref', 'enum', 'const'];

class NotStrict extends Error {}

/**
 * Rewrites a JSON Schema for OpenAI's strict Structured Outputs: every object closed
 * (`additionalProperties: false`, which only narrows open objects), every property required,
 * each optional property that does not already accept `null` made nullable (the answer's
 * `null`s are removed again before validation, see `stripOptionalNulls`), `oneOf` as `anyOf`.
 * Returns `ok: false` with the reason when strict mode cannot express the schema: a root that
 * is not an object, records / maps, tuples, `allOf`/`not`/conditionals, schemas without a type.
 */
export function toStrictJsonSchema(schema: JsonSchema): StrictSchemaResult {
  const copy = structuredClone(schema);
  try {
    if (copy.type !== 'object' || copy.anyOf !== undefined || copy.oneOf !== undefined) {
      throw new NotStrict('the root must be an object schema, not a union or another type');
    }
    strictify(copy, '#', copy);
    return { ok: true, schema: copy };
  } catch (error) {
    if (error instanceof NotStrict) return { ok: false, reason: error.message };
    throw error;
  }
}

function strictify(node: unknown, path: string, root: JsonSchema): void {
  if (!isObject(node)) throw new NotStrict(`${path} is a boolean schema`);
  for (const keyword of UNSUPPORTED) {
    if (node[keyword] !== undefined) throw new NotStrict(`${path} uses '${keyword}'`);
  }
  for (const keyword of DROPPED) delete node[keyword];
  if (node.oneOf !== undefined) {
    if (node.anyOf !== undefined) throw new NotStrict(`${path} uses both 'anyOf' and 'oneOf'`);
    node.anyOf = node.oneOf;
    delete node.oneOf;
  }
  if (!TYPE_KEYWORDS.some((keyword) => node[keyword] !== undefined)) {
    throw new NotStrict(`${path} accepts any value`);
  }
  if (isObjectShape(node)) closeObject(node, path, root);
  if (isArrayShape(node) && !isObject(node.items)) {
    throw new NotStrict(`${path} is an array without a single 'items' schema`);
  }

  forEachChild(node, path, (child, childPath) => strictify(child, childPath, root));
}

function closeObject(node: JsonSchema, path: string, root: JsonSchema): void {
  const properties = isObject(node.properties) ? node.properties : {};
  const open = node.additionalProperties !== undefined && node.additionalProperties !== false;
  if (open && Object.keys(properties).length === 0) {
    throw new NotStrict(`${path} is a record / map (keys not known in advance)`);
  }
  node.additionalProperties = false;
  const required = new Set(Array.isArray(node.required) ? (node.required as unknown[]) : []);
  for (const [key, property] of Object.entries(properties)) {
    if (!required.has(key) && !acceptsNull(property, root)) {
      properties[key] = nullable(property);
    }
  }
  node.properties = properties;
  node.required = Object.keys(properties);
}

/** `schema | null`, keeping the description where the model reads it. */
function nullable(schema: unknown): JsonSchema {
  if (!isObject(schema)) return { anyOf: [schema, { type: 'null' }] };
  const { description, ...rest } = schema;
  const keys = Object.keys(rest);
  const branches =
    keys.length === 1 && Array.isArray(rest.anyOf) ? [...rest.anyOf] : [rest as unknown];
  return {
    anyOf: [...branches, { type: 'null' }],
    ...(description !== undefined ? { description } : {}),
  };
}

function isObjectShape(node: JsonSchema): boolean {
  const { type } = node;
  return (
    type === 'object' ||
    (Array.isArray(type) && type.includes('object')) ||
    node.properties !== undefined
  );
}

function isArrayShape(node: JsonSchema): boolean {
  const { type } = node;
  return type === 'array' || (Array.isArray(type) && type.includes('array'));
}

function forEachChild(
  node: JsonSchema,
  path: string,
  visit: (child: unknown, path: string) => void,
): void {
  for (const keyword of ['properties', '$defs', 'definitions']) {
    const children = node[keyword];
    if (!isObject(children)) continue;
    for (const [key, child] of Object.entries(children)) visit(child, `${path}/${keyword}/${key}`);
  }
  if (node.items !== undefined) visit(node.items, `${path}/items`);
  if (Array.isArray(node.anyOf)) {
    node.anyOf.forEach((child, index) => {
      visit(child, `${path}/anyOf/${index}`);
    });
  }
}
