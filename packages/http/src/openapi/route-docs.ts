import type { z } from 'zod';
import type { Operation } from '../auth.js';

/** An HTTP method as OpenAPI spells it. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A success response that is not JSON (plain text, an SSE stream, an HTML page…). */
export interface RawResponseDoc {
  contentType: string;
  /** Schema of the body; a string by default. */
  schema?: Record<string, unknown>;
  description?: string;
}

/** A request header a route reads, documented as an OpenAPI header parameter. */
export interface HeaderDoc {
  /** The header's name, e.g. `Idempotency-Key`. */
  name: string;
  description: string;
  /** JSON Schema of the value; a string by default. */
  schema?: Record<string, unknown>;
  /** Whether every request must send it (default: optional). */
  required?: boolean;
  /** A Conduct extension, not part of Parlant's API. */
  extension?: boolean;
}

/**
 * The OpenAPI description of one route, declared beside the route itself. The zod schemas are
 * the very ones the route validates with, so the document cannot drift from the validation.
 */
export interface RouteDoc {
  method: HttpMethod;
  /** Path below the group's prefix, as Hono spells it (`/`, `/:agentId`). */
  path: string;
  /** Unique operation id, e.g. `createAgent`. */
  operationId: string;
  /**
   * The parlant-client 3.3.1 method that calls this route, as `group.method`
   * (`sessions.createEvent`) or a top-level method name; emitted as Fern's
   * `x-fern-sdk-group-name` / `x-fern-sdk-method-name`.
   */
  client?: string;
  summary: string;
  description?: string;
  /** The authorization operation(s) the route asks the policy for (e.g. `READ_AGENT`). */
  operation?: Operation | readonly Operation[];
  /** Query parameters (the route's own query schema). */
  query?: z.ZodObject;
  /** Request headers the route reads (beyond auth, which the security schemes describe). */
  headers?: readonly HeaderDoc[];
  /** JSON request body (the route's own body schema). */
  body?: z.ZodType;
  /** Success status; default 201 for POST, 204 for DELETE, else 200. */
  status?: number;
  /** Success body: a zod schema (JSON) or a non-JSON body. Omitted for 204. */
  response?: z.ZodType | RawResponseDoc;
  /** Other bodies the success response may have (e.g. `text/event-stream` with `sse=true`). */
  alternatives?: readonly RawResponseDoc[];
  /** What the success response means, when the default wording does not fit. */
  responseDescription?: string;
  /**
   * Error statuses beyond the automatic ones (404 when the path has parameters, 422 when there
   * is a query or body, 413 when there is a body, 403/429 when the auth policy can deny).
   */
  errors?: readonly number[];
  /** A Conduct extension, not part of Parlant's API. */
  extension?: boolean;
}

/** The documented routes of one Hono sub-app, mounted at `prefix`. */
export interface RouteGroupDocs {
  /** Mount path as Hono spells it, e.g. `/sessions/:sessionId/events`. */
  prefix: string;
  /** OpenAPI tag (the resource), e.g. `sessions`. */
  tag: string;
  routes: readonly RouteDoc[];
}

/** Declares the OpenAPI description of the routes of one sub-app mounted at `prefix`. */
export function describeRoutes(
  prefix: string,
  tag: string,
  routes: readonly RouteDoc[],
): RouteGroupDocs {
  return { prefix, tag, routes };
}
