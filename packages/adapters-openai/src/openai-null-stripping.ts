import {
  acceptsNull,
  dereference,
  isObject,
  type JsonSchema,
  unionBranches,
} from './openai-json-schema.js';

/**
 * Undoes the optional → nullable rewrite of strict mode on an answer: walking `value` along
 * the original (non-strict) JSON Schema, it drops every `null` whose property is optional there
 * and does not accept `null`, so zod sees the property as absent (and applies its default).
 * Properties whose schema accepts `null` keep it: `null` is a valid answer for them. Union
 * branches are chosen by the object's keys and discriminator constants. Returns a copy.
 */
export function stripOptionalNulls(value: unknown, schema: JsonSchema): unknown {
  return strip(value, schema, schema);
}

function strip(value: unknown, schema: unknown, root: JsonSchema): unknown {
  if (!isObject(schema)) return value;
  const node = dereference(schema, root);
  if (!node) return value;

  const branches = unionBranches(node);
  if (branches && (isObject(value) || Array.isArray(value))) {
    const branch = pickBranch(value, branches, root);
    return branch ? strip(value, branch, root) : value;
  }
  if (Array.isArray(value)) {
    return isObject(node.items) ? value.map((item) => strip(item, node.items, root)) : value;
  }
  if (!isObject(value) || !isObject(node.properties)) return value;

  const properties = node.properties;
  const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key];
    if (property === undefined) {
      result[key] = item;
      continue;
    }
    if (item === null && !required.includes(key) && !acceptsNull(property, root)) continue;
    result[key] = strip(item, property, root);
  }
  return result;
}

/** The union branch `value` most plausibly answers, or `undefined` when none fits. */
function pickBranch(
  value: Record<string, unknown> | unknown[],
  branches: readonly unknown[],
  root: JsonSchema,
): JsonSchema | undefined {
  for (const candidate of branches) {
    if (!isObject(candidate)) continue;
    const branch = dereference(candidate, root);
    if (!branch) continue;
    if (Array.isArray(value)) {
      if (branch.type === 'array' || isObject(branch.items)) return branch;
      continue;
    }
    if (unionBranches(branch)) {
      if (pickBranch(value, unionBranches(branch) ?? [], root)) return branch;
      continue;
    }
    if (isObject(branch.properties) && fitsObject(value, branch.properties, root)) return branch;
  }
  return undefined;
}

function fitsObject(
  value: Record<string, unknown>,
  properties: Record<string, unknown>,
  root: JsonSchema,
): boolean {
  return Object.entries(value).every(([key, item]) => {
    const property = properties[key];
    if (!isObject(property)) return false;
    const node = dereference(property, root);
    if (node && 'const' in node) return node.const === item;
    if (node && Array.isArray(node.enum) && node.enum.length === 1) return node.enum[0] === item;
    return true;
  });
}
