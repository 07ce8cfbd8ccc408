import type { z } from 'zod';
import type { AuthPolicy, Operation, SecurityRequirement } from '../auth.js';
import {
  ERROR_DESCRIPTIONS,
  errorDetailSchema,
  unprocessableSchema,
  validationIssueSchema,
} from './error-schemas.js';
import { type JsonSchema, SchemaConverter } from './json-schema.js';
import { openApiPath, pathParameters, queryParameters } from './parameters.js';
import type { RawResponseDoc, RouteDoc, RouteGroupDocs } from './route-docs.js';

/** Fields of the document's `info`. */
export interface OpenApiInfo {
  /** Default `Conduct API`. */
  title?: string;
  /** Default `1.0.0`. */
  version?: string;
  /** Markdown shown above the operations. */
  description?: string;
}

/** An OpenAPI 3.1 document, as JSON. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
};

const DEFAULT_DESCRIPTION =
  "Wire-compatible with Parlant's REST API, so `parlant-client` and `parlant-chat-react` work " +
  'unchanged. Operations marked **Conduct extension** are additions beside the compatible shapes.';

/** Tag descriptions, in the order the docs page lists them. */
const TAGS: readonly { name: string; description: string }[] = [
  { name: 'agents', description: 'Agents and their settings' },
  { name: 'customers', description: 'Customers (the built-in `guest` always exists)' },
  { name: 'sessions', description: 'Sessions, their events (long-poll, SSE) and turn traces' },
  {
    name: 'feedback',
    description: 'Feedback on agent messages: what should have happened (Conduct extension)',
  },
  { name: 'guidelines', description: 'Guidelines and their tool associations' },
  { name: 'journeys', description: 'Journeys (multi-step flows)' },
  { name: 'relationships', description: 'Relationships between guidelines, tags and tools' },
  { name: 'tags', description: 'Tags' },
  { name: 'glossary', description: 'Glossary terms' },
  { name: 'context-variables', description: 'Context variables and their values' },
  { name: 'canned-responses', description: 'Canned responses' },
  { name: 'capabilities', description: 'Capabilities' },
  { name: 'services', description: 'Tool services (not supported over HTTP)' },
  { name: 'evaluations', description: 'Evaluations (not supported over HTTP)' },
  { name: 'health', description: 'Health check' },
  { name: 'docs', description: 'This document and the interactive docs page' },
];

function successStatus(route: RouteDoc): number {
  if (route.status !== undefined) return route.status;
  if (route.method === 'post') return 201;
  return route.method === 'delete' ? 204 : 200;
}

function isRaw(response: RouteDoc['response']): response is RawResponseDoc {
  return response !== undefined && 'contentType' in response;
}

function operationsOf(route: RouteDoc): Operation[] {
  if (route.operation === undefined) return [];
  return typeof route.operation === 'string' ? [route.operation] : [...route.operation];
}

function securityOf(auth: AuthPolicy, operations: readonly Operation[]): SecurityRequirement[] {
  const seen = new Map<string, SecurityRequirement>();
  for (const operation of operations) {
    for (const requirement of auth.docs?.security(operation) ?? []) {
      seen.set(JSON.stringify(requirement), requirement);
    }
  }
  return [...seen.values()];
}

/**
 * Builds the OpenAPI 3.1 document of documented route groups: parameters, bodies and responses
 * come from the routes' own zod schemas; security from the app's auth policy.
 */
export function buildOpenApiDocument(
  groups: readonly RouteGroupDocs[],
  auth: AuthPolicy,
  info: OpenApiInfo = {},
): OpenApiDocument {
  const converter = new SchemaConverter();
  const ref = (schema: z.ZodType) => converter.convert(schema, 'output');
  const errorSchemas = { detail: ref(errorDetailSchema), invalid: ref(unprocessableSchema) };
  ref(validationIssueSchema);
  const paths: OpenApiDocument['paths'] = {};
  for (const group of groups) {
    for (const route of group.routes) {
      const path = openApiPath(group.prefix, route.path);
      const operation = describeOperation(group, route, converter, auth, errorSchemas);
      paths[path] ??= {};
      if (paths[path][route.method] !== undefined) {
        throw new Error(`OpenAPI: ${route.method.toUpperCase()} ${path} is documented twice`);
      }
      paths[path][route.method] = operation;
    }
  }
  const usedTags = new Set(groups.map((group) => group.tag));
  return {
    openapi: '3.1.0',
    info: {
      title: info.title ?? 'Conduct API',
      version: info.version ?? '1.0.0',
      description: info.description ?? DEFAULT_DESCRIPTION,
    },
    tags: TAGS.filter((tag) => usedTags.has(tag.name)),
    paths,
    components: {
      schemas: converter.components,
      ...(auth.docs ? { securitySchemes: auth.docs.securitySchemes } : {}),
    },
  };
}

const RETRY_AFTER_HEADER = {
  'Retry-After': {
    description: 'Seconds until a request can succeed again (a whole number, at least 1)',
    schema: { type: 'integer', minimum: 1 },
  },
};

function describeOperation(
  group: RouteGroupDocs,
  route: RouteDoc,
  converter: SchemaConverter,
  auth: AuthPolicy,
  errorSchemas: { detail: JsonSchema; invalid: JsonSchema },
): Record<string, unknown> {
  const operations = operationsOf(route);
  const parameters = [
    ...pathParameters(group.prefix, route.path),
    ...(route.query ? queryParameters(converter.convert(route.query, 'input')) : []),
    ...(route.headers ?? []).map((header) => ({
      name: header.name,
      in: 'header',
      required: header.required ?? false,
      description: header.extension
        ? `**Conduct extension** (not in Parlant’s API). ${header.description}`
        : header.description,
      schema: header.schema ?? { type: 'string' },
      ...(header.extension ? { 'x-conduct-extension': true } : {}),
    })),
  ];
  const status = successStatus(route);
  const responses: Record<string, unknown> = {
    [status]: successResponse(route, status, converter),
  };
  const errors = new Set(route.errors ?? []);
  if (pathParameters(group.prefix, route.path).length > 0) errors.add(404);
  if (route.query !== undefined || route.body !== undefined) errors.add(422);
  if (route.body !== undefined) errors.add(413);
  if (auth.docs !== undefined && operations.length > 0) {
    errors.add(403);
    if (auth.docs.rateLimited) errors.add(429);
  }
  for (const code of [...errors].sort((a, b) => a - b)) {
    responses[code] = {
      description: ERROR_DESCRIPTIONS[code] ?? `Error ${code}`,
      content: {
        'application/json': { schema: code === 422 ? errorSchemas.invalid : errorSchemas.detail },
      },
      ...(code === 429 ? { headers: RETRY_AFTER_HEADER } : {}),
    };
  }
  const description = [
    route.extension ? '**Conduct extension** (not in Parlant’s API).' : undefined,
    route.description,
    operations.length > 0
      ? `Authorization operation: ${operations.map((op) => `\`${op}\``).join(', ')}.`
      : undefined,
  ].filter((part) => part !== undefined);
  const [clientGroup, clientMethod] = route.client?.includes('.')
    ? route.client.split('.')
    : [undefined, route.client];
  return {
    tags: [group.tag],
    operationId: route.operationId,
    summary: route.summary,
    ...(description.length > 0 ? { description: description.join('\n\n') } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: converter.convert(route.body, 'input') } },
          },
        }
      : {}),
    responses,
    ...(auth.docs && operations.length > 0 ? { security: securityOf(auth, operations) } : {}),
    ...(clientGroup ? { 'x-fern-sdk-group-name': clientGroup } : {}),
    ...(clientMethod ? { 'x-fern-sdk-method-name': clientMethod } : {}),
    ...(operations.length > 0 ? { 'x-conduct-operation': operations } : {}),
    ...(route.extension ? { 'x-conduct-extension': true } : {}),
  };
}

function successResponse(
  route: RouteDoc,
  status: number,
  converter: SchemaConverter,
): Record<string, unknown> {
  if (status === 204) return { description: route.responseDescription ?? 'Done (empty body)' };
  const description = route.responseDescription ?? 'Success';
  const response = route.response;
  if (response === undefined) return { description };
  const content: Record<string, unknown> = {};
  const raws = [...(isRaw(response) ? [response] : []), ...(route.alternatives ?? [])];
  if (!isRaw(response)) {
    content['application/json'] = { schema: converter.convert(response, 'output') };
  }
  for (const raw of raws) {
    content[raw.contentType] = {
      schema: raw.schema ?? { type: 'string' },
      ...(raw.description ? { description: raw.description } : {}),
    };
  }
  const rawDescriptions = raws.flatMap((raw) => (raw.description ? [raw.description] : []));
  return { description: [description, ...rawDescriptions].join('. '), content };
}
