import { z } from 'zod';
import { serviceDtoSchema } from '../dto/service.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { serviceBodySchema } from './services.js';

/** OpenAPI description of `serviceRoutes` (the schemas are the route's own). */
export const serviceDocs = describeRoutes('/services', 'services', [
  {
    method: 'get',
    path: '/',
    operationId: 'listServices',
    client: 'services.list',
    summary: 'List tool services',
    operation: 'LIST_SERVICES',
    response: z.array(serviceDtoSchema),
    errors: [501],
  },
  {
    method: 'get',
    path: '/:name',
    operationId: 'retrieveService',
    client: 'services.retrieve',
    summary: 'Read a tool service, with its tools',
    operation: 'READ_SERVICE',
    response: serviceDtoSchema,
    errors: [501],
  },
  {
    method: 'put',
    path: '/:name',
    operationId: 'createOrUpdateService',
    client: 'services.createOrUpdate',
    summary: 'Create or update a tool service',
    description:
      'Registers an MCP server (kind "mcp", streamable HTTP) or an OpenAPI document (kind "openapi"); its tools can be attached to guidelines as "<name>:<tool>". The service is reached before answering: one that cannot be read gives 422. Kind "sdk" is not supported (422).',
    operation: 'UPDATE_SERVICE',
    body: serviceBodySchema,
    response: serviceDtoSchema,
    errors: [409, 501],
  },
  {
    method: 'delete',
    path: '/:name',
    operationId: 'deleteService',
    client: 'services.delete',
    summary: 'Delete a tool service',
    operation: 'DELETE_SERVICE',
    errors: [501],
  },
]);
