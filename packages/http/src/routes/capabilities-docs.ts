import { z } from 'zod';
import { capabilityDtoSchema } from '../dto/capability.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { createSchema, updateSchema } from './capabilities.js';
import { tagIdQuerySchema } from './wire-schemas.js';

/** OpenAPI description of `capabilityRoutes` (the schemas are the route's own). */
export const capabilityDocs = describeRoutes('/capabilities', 'capabilities', [
  {
    method: 'post',
    path: '/',
    operationId: 'createCapability',
    client: 'capabilities.create',
    summary: 'Create a capability',
    operation: 'CREATE_CAPABILITY',
    body: createSchema,
    response: capabilityDtoSchema,
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listCapabilities',
    client: 'capabilities.list',
    summary: 'List capabilities',
    operation: 'LIST_CAPABILITIES',
    query: tagIdQuerySchema,
    response: z.array(capabilityDtoSchema),
  },
  {
    method: 'get',
    path: '/:capabilityId',
    operationId: 'retrieveCapability',
    client: 'capabilities.retrieve',
    summary: 'Read a capability',
    operation: 'READ_CAPABILITY',
    response: capabilityDtoSchema,
  },
  {
    method: 'patch',
    path: '/:capabilityId',
    operationId: 'updateCapability',
    client: 'capabilities.update',
    summary: 'Update a capability',
    operation: 'UPDATE_CAPABILITY',
    body: updateSchema,
    response: capabilityDtoSchema,
  },
  {
    method: 'delete',
    path: '/:capabilityId',
    operationId: 'deleteCapability',
    client: 'capabilities.delete',
    summary: 'Delete a capability',
    operation: 'DELETE_CAPABILITY',
  },
]);
