import { NotFoundError } from '@conduct/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, services } from '../app-env.js';
import { variableValueDto } from '../dto/variable.js';
import { HttpError } from '../errors.js';
import { parseBody } from '../validation.js';

/** Body of `PUT /context-variables/{id}/{key}`. */
export const valueSchema = z.object({ data: z.unknown() });

/**
 * `/context-variables/{id}/{key}`: a variable's value for one key — a customer id, `tag:<tag id>`
 * for every customer with the tag, or `DEFAULT` for everyone
 * (docs/compatibility.md#context-variables).
 */
export const variableValueRoutes = new Hono<AppEnv>()
  .get('/:variableId/:key', async (c) => {
    await authorize(c, 'READ_CONTEXT_VARIABLE_VALUE');
    const { variableId, key } = c.req.param();
    const value = await services(c).store.variables.getValue(variableId, key);
    if (value === undefined) throw new NotFoundError('variable value', `${variableId}/${key}`);
    return c.json(variableValueDto(value));
  })
  .put('/:variableId/:key', async (c) => {
    await authorize(c, 'UPDATE_CONTEXT_VARIABLE_VALUE');
    const body = await parseBody(c, valueSchema);
    // `data` may be any JSON value, `null` included, but it must be present.
    if (body.data === undefined) {
      throw new HttpError(422, [{ type: 'missing', loc: ['body', 'data'], msg: 'Field required' }]);
    }
    const { variableId, key } = c.req.param();
    const value = await services(c).store.variables.setValue(variableId, key, body.data);
    return c.json(variableValueDto(value));
  })
  .delete('/:variableId/:key', async (c) => {
    await authorize(c, 'DELETE_CONTEXT_VARIABLE_VALUE');
    const { variableId, key } = c.req.param();
    await services(c).store.variables.deleteValue(variableId, key);
    return c.body(null, 204);
  });
