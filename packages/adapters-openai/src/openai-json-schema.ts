/** A JSON Schema node (an object; boolean schemas are handled by the callers). */
export type JsonSchema = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves a local `$ref` (`#`, `#/$defs/Name`, `#/definitions/Name`) against `root`. */
export function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  const pointer = ref.slice(1);
  if (pointer === '') return root;
  for (const raw of pointer.slice(1).split('/')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return isObject(node) ? node : undefined;
}

/** Follows `$ref`s until a schema without one (or `undefined` for a broken or cyclic chain). */
export function dereference(schema: JsonSchema, root: JsonSchema): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  const seen = new Set<string>();
  while (node && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) return undefined;
    seen.add(node.$ref);
    node = resolveRef(root, node.$ref);
  }
  return node;
}

/** The union branches of a schema (`anyOf` or `oneOf`), if it is one. */
export function unionBranches(schema: JsonSchema): unknown[] | undefined {
  const branches = schema.anyOf ?? schema.oneOf;
  return Array.isArray(branches) ? branches : undefined;
}

/** True when `schema` accepts `null` (by `type`, a union branch, `enum` or `const`). */
export function acceptsNull(schema: unknown, root: JsonSchema): boolean {
  if (!isObject(schema)) return schema === true;
  const node = dereference(schema, root);
  if (!node) return false;
  const { type } = node;
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  if (Array.isArray(node.enum) && node.enum.includes(null)) return true;
  if ('const' in node && node.const === null) return true;
  return unionBranches(node)?.some((branch) => acceptsNull(branch, root)) ?? false;
}
