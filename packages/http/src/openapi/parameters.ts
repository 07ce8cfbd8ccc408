import type { JsonSchema } from './json-schema.js';

/** `sessionId` → `session_id`: path parameters are documented with the reference's names. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Joins a mount prefix and a route path as Hono does (`/agents` + `/` → `/agents`). */
export function joinRoutePath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  return joined.length > 1 ? joined.replace(/\/+$/, '') : joined;
}

/** A Hono path (`/sessions/:sessionId`) in OpenAPI form (`/sessions/{session_id}`). */
export function openApiPath(prefix: string, path: string): string {
  return joinRoutePath(prefix, path).replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    return `{${snakeCase(name)}}`;
  });
}

function describeParameter(name: string): string {
  if (name === 'key') return 'A customer id, `tag:<tag id>`, or `DEFAULT`';
  if (name === 'name') return 'The service name';
  return `Id of the ${name.replace(/_id$/, '').replace(/_/g, ' ')}`;
}

/** The path parameters of a route, in path order. */
export function pathParameters(prefix: string, path: string): Record<string, unknown>[] {
  const names = [...joinRoutePath(prefix, path).matchAll(/:([A-Za-z0-9_]+)/g)].map((match) =>
    snakeCase(match[1] as string),
  );
  return names.map((name) => ({
    name,
    in: 'path',
    required: true,
    description: describeParameter(name),
    schema: { type: 'string' },
  }));
}

/** A query string schema as `parseQuery` enforces it: given empty, any parameter is a 422. */
function nonEmpty(schema: JsonSchema): JsonSchema {
  if (schema.type === 'string' && schema.enum === undefined && schema.minLength === undefined) {
    return { ...schema, minLength: 1 };
  }
  const items = schema.items as JsonSchema | undefined;
  return schema.type === 'array' && items !== undefined
    ? { ...schema, items: nonEmpty(items) }
    : schema;
}

/** Query parameters from the JSON Schema of a route's query object. */
export function queryParameters(schema: JsonSchema): Record<string, unknown>[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    // A repeatable parameter is validated as "one string or several"; it is documented as a list.
    const variants = (property.anyOf ?? []) as JsonSchema[];
    const list = variants.find((variant) => variant.type === 'array');
    const { description, ...rest } = list ?? property;
    return {
      name,
      in: 'query',
      required: required.has(name),
      ...(typeof (property.description ?? description) === 'string'
        ? { description: property.description ?? description }
        : {}),
      schema: nonEmpty(rest),
      ...(list ? { style: 'form', explode: true } : {}),
    };
  });
}
