import {
  ConfigurationError,
  type ToolServiceDirectory,
  ToolServiceNotStoredError,
  type ToolServiceRegistration,
  ValidationError,
} from '@conduct/core';
import { isToolName, MAX_TOOL_NAME_LENGTH } from '@conduct/core/internal';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, services } from '../app-env.js';
import { serviceDto } from '../dto/service.js';
import { HttpError } from '../errors.js';
import { parseBody } from '../validation.js';

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/\S+$/i.test(value), 'must be an http(s) URL');

/** Body of `PUT /services/{name}` (parlant-client's `services.createOrUpdate`). */
export const serviceBodySchema = z
  .object({
    kind: z.enum(['sdk', 'openapi', 'mcp']),
    sdk: z.object({ url: z.string() }).nullish(),
    openapi: z
      .object({
        url: httpUrl.describe('Base URL of the API the operations are sent to'),
        source: z
          .string()
          .min(1)
          .describe(
            'The OpenAPI 3 document: an http(s) URL to fetch it from, or its JSON/YAML text',
          ),
      })
      .nullish(),
    mcp: z.object({ url: httpUrl.describe('The MCP server endpoint (streamable HTTP)') }).nullish(),
  })
  .superRefine((body, context) => {
    if (body[body.kind] == null) {
      context.addIssue({
        code: 'custom',
        path: [body.kind],
        message: `"${body.kind}" is required when kind is "${body.kind}"`,
      });
    }
  });

function directory(c: Context<AppEnv>, operation: string): ToolServiceDirectory {
  const found = services(c).toolServices;
  if (found === undefined) {
    throw new HttpError(
      501,
      `Tool services are not enabled on this server (${operation}); define tools in code (defineTool) or configure tool services`,
    );
  }
  return found;
}

// Over HTTP an OpenAPI source is a URL or the document itself: never a path on this machine.
function isDocumentText(source: string): boolean {
  return /^\s*[{]/.test(source) || /^\s*openapi\s*:/m.test(source);
}

function registrationOf(
  name: string,
  body: z.output<typeof serviceBodySchema>,
): ToolServiceRegistration {
  if (body.kind === 'mcp' && body.mcp) return { name, kind: 'mcp', url: body.mcp.url };
  if (body.kind === 'openapi' && body.openapi) {
    const { url, source } = body.openapi;
    if (!/^https?:\/\//i.test(source.trim()) && !isDocumentText(source)) {
      throw new HttpError(
        422,
        'openapi.source must be an http(s) URL or the OpenAPI document text',
      );
    }
    return { name, kind: 'openapi', url, source };
  }
  throw new HttpError(
    422,
    'Services of kind "sdk" (Parlant plugin servers) are not supported; register an MCP server (kind "mcp") or an OpenAPI document (kind "openapi")',
  );
}

/** `/services` (docs/compatibility.md#relationships-and-capabilities): MCP and OpenAPI tool services. */
export const serviceRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    await authorize(c, 'LIST_SERVICES');
    return c.json(
      directory(c, 'LIST_SERVICES')
        .list()
        .map((item) => serviceDto(item, false)),
    );
  })
  .get('/:name', async (c) => {
    await authorize(c, 'READ_SERVICE');
    const name = c.req.param('name');
    const found = directory(c, 'READ_SERVICE').get(name);
    if (!found) throw new HttpError(404, `Tool service "${name}" not found`);
    return c.json(serviceDto(found, true));
  })
  .put('/:name', async (c) => {
    await authorize(c, 'UPDATE_SERVICE');
    const name = c.req.param('name');
    const body = await parseBody(c, serviceBodySchema);
    const target = directory(c, 'UPDATE_SERVICE');
    if (!isToolName(name)) {
      throw new HttpError(
        422,
        `Service name "${name}" is invalid; use 1-${MAX_TOOL_NAME_LENGTH} letters, digits, "_", "-" or "."`,
      );
    }
    const registration = registrationOf(name, body);
    try {
      const summary = await target.register(registration);
      return c.json(serviceDto(summary, true));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (error instanceof ToolServiceNotStoredError) throw new HttpError(500, error.message);
      if (error instanceof ConfigurationError) throw new HttpError(409, error.message);
      if (ValidationError.is(error)) throw new HttpError(422, error.message);
      // Generic on purpose: the remote answer is not echoed back (it may come from an internal host).
      throw new HttpError(
        422,
        `Could not read the tools of service "${name}": it could not be reached in time or did not answer with a usable tool list`,
      );
    }
  })
  .delete('/:name', async (c) => {
    await authorize(c, 'DELETE_SERVICE');
    const name = c.req.param('name');
    let removed: boolean;
    try {
      removed = await directory(c, 'DELETE_SERVICE').remove(name);
    } catch (error) {
      if (error instanceof ConfigurationError) throw new HttpError(409, error.message);
      throw error;
    }
    if (!removed) {
      throw new HttpError(404, `Tool service "${name}" not found`);
    }
    return c.body(null, 204);
  });
