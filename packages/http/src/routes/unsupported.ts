import { type Context, Hono } from 'hono';
import { type AppEnv, authorize } from '../app-env.js';
import { HttpError } from '../errors.js';
import { describeRoutes, type RouteDoc } from '../openapi/route-docs.js';

function notSupported(what: string, instead: string) {
  return async (c: Context<AppEnv>, operation: string): Promise<never> => {
    await authorize(c, operation);
    throw new HttpError(501, `${what} are not supported over HTTP yet; ${instead}`);
  };
}

const service = notSupported(
  'Tool services',
  'define tools in code (defineTool) or connect MCP servers when creating Conduct',
);
const evaluation = notSupported(
  'Evaluations',
  'guidelines are checked when created, so create them directly with POST /guidelines',
);

/**
 * `/services` (docs/compatibility.md#relationships-and-capabilities): answered with 501 and a
 * `{detail}` that says what to do instead, after the usual authorization, so clients get a clear
 * error rather than a 404.
 */
export const serviceRoutes = new Hono<AppEnv>()
  .get('/', (c) => service(c, 'LIST_SERVICES'))
  .get('/:name', (c) => service(c, 'READ_SERVICE'))
  .put('/:name', (c) => service(c, 'UPDATE_SERVICE'))
  .delete('/:name', (c) => service(c, 'DELETE_SERVICE'));

/** `/evaluations` (docs/compatibility.md#relationships-and-capabilities): 501, like `/services`. */
export const evaluationRoutes = new Hono<AppEnv>()
  .post('/', (c) => evaluation(c, 'CREATE_EVALUATION'))
  .get('/:evaluationId', (c) => evaluation(c, 'READ_EVALUATION'));

function unsupportedDoc(doc: Omit<RouteDoc, 'errors' | 'responseDescription'>): RouteDoc {
  return {
    ...doc,
    description: 'Not supported over HTTP: always 501, with a detail saying what to do instead.',
    errors: [501],
  };
}

/** OpenAPI description of {@link serviceRoutes}. */
export const serviceDocs = describeRoutes('/services', 'services', [
  unsupportedDoc({
    method: 'get',
    path: '/',
    operationId: 'listServices',
    client: 'services.list',
    summary: 'List tool services',
    operation: 'LIST_SERVICES',
  }),
  unsupportedDoc({
    method: 'get',
    path: '/:name',
    operationId: 'retrieveService',
    client: 'services.retrieve',
    summary: 'Read a tool service',
    operation: 'READ_SERVICE',
  }),
  unsupportedDoc({
    method: 'put',
    path: '/:name',
    operationId: 'createOrUpdateService',
    client: 'services.createOrUpdate',
    summary: 'Create or update a tool service',
    operation: 'UPDATE_SERVICE',
  }),
  unsupportedDoc({
    method: 'delete',
    path: '/:name',
    operationId: 'deleteService',
    client: 'services.delete',
    summary: 'Delete a tool service',
    operation: 'DELETE_SERVICE',
  }),
]);

/** OpenAPI description of {@link evaluationRoutes}. */
export const evaluationDocs = describeRoutes('/evaluations', 'evaluations', [
  unsupportedDoc({
    method: 'post',
    path: '/',
    operationId: 'createEvaluation',
    client: 'evaluations.create',
    summary: 'Create an evaluation',
    operation: 'CREATE_EVALUATION',
  }),
  unsupportedDoc({
    method: 'get',
    path: '/:evaluationId',
    operationId: 'retrieveEvaluation',
    client: 'evaluations.retrieve',
    summary: 'Read an evaluation',
    operation: 'READ_EVALUATION',
  }),
]);
