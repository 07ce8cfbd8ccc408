import { type Context, Hono } from 'hono';
import { type AppEnv, authorize } from '../app-env.js';
import { HttpError } from '../errors.js';

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
 * `/services` (reference §1.10): answered with 501 and a `{detail}` that says what to do
 * instead, after the usual authorization, so clients get a clear error rather than a 404.
 */
export const serviceRoutes = new Hono<AppEnv>()
  .get('/', (c) => service(c, 'LIST_SERVICES'))
  .get('/:name', (c) => service(c, 'READ_SERVICE'))
  .put('/:name', (c) => service(c, 'UPDATE_SERVICE'))
  .delete('/:name', (c) => service(c, 'DELETE_SERVICE'));

/** `/evaluations` (reference §1.10): 501, like `/services`. */
export const evaluationRoutes = new Hono<AppEnv>()
  .post('/', (c) => evaluation(c, 'CREATE_EVALUATION'))
  .get('/:evaluationId', (c) => evaluation(c, 'READ_EVALUATION'));
