/** A JSON value as found in an OpenAPI document. */
export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value a local JSON pointer (`#/components/schemas/Order`) points at, if any. */
function follow(document: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as JsonObject)[key];
  }
  return node;
}

/**
 * `value` with every local `$ref` replaced by what it points at. A recursive reference (a tree of
 * categories) is cut to `{}` (any value) at its second visit, and a reference to another file or
 * to nothing becomes `{}` as well: arguments stay accepted rather than the tool being lost.
 */
export function resolveRefs(document: JsonObject, value: unknown, seen: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveRefs(document, item, seen));
  if (!isObject(value)) return value;
  if (typeof value.$ref === 'string') {
    const ref = value.$ref;
    if (seen.includes(ref)) return {};
    const target = follow(document, ref);
    return target === undefined ? {} : resolveRefs(document, target, [...seen, ref]);
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, resolveRefs(document, item, seen)]),
  );
}

export { isObject };
