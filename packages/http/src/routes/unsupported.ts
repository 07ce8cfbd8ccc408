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

const evaluation = notSupported(
  'Evaluations',
  'guidelines are checked when created, so create them directly with POST /guidelines',
);

/**
 * `/evaluations` (docs/compatibility.md#relationships-and-capabilities): answered with 501 and a
 * `{detail}` that says what to do instead, after the usual authorization, so clients get a clear
 * error rather than a 404.
 */
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
