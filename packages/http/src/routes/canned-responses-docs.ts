import { z } from 'zod';
import { cannedResponseDtoSchema } from '../dto/canned-response.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { createSchema, listQuery, updateSchema } from './canned-responses.js';

/** OpenAPI description of `cannedResponseRoutes` (the schemas are the route's own). */
export const cannedResponseDocs = describeRoutes('/canned_responses', 'canned-responses', [
  {
    method: 'post',
    path: '/',
    operationId: 'createCannedResponse',
    client: 'cannedResponses.create',
    summary: 'Create a canned response',
    operation: 'CREATE_CANNED_RESPONSE',
    body: createSchema,
    response: cannedResponseDtoSchema,
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listCannedResponses',
    client: 'cannedResponses.list',
    summary: 'List canned responses',
    operation: 'LIST_CANNED_RESPONSES',
    query: listQuery,
    response: z.array(cannedResponseDtoSchema),
  },
  {
    method: 'get',
    path: '/:cannedResponseId',
    operationId: 'retrieveCannedResponse',
    client: 'cannedResponses.retrieve',
    summary: 'Read a canned response',
    operation: 'READ_CANNED_RESPONSE',
    response: cannedResponseDtoSchema,
  },
  {
    method: 'patch',
    path: '/:cannedResponseId',
    operationId: 'updateCannedResponse',
    client: 'cannedResponses.update',
    summary: 'Update a canned response',
    operation: 'UPDATE_CANNED_RESPONSE',
    body: updateSchema,
    response: cannedResponseDtoSchema,
  },
  {
    method: 'delete',
    path: '/:cannedResponseId',
    operationId: 'deleteCannedResponse',
    client: 'cannedResponses.delete',
    summary: 'Delete a canned response',
    operation: 'DELETE_CANNED_RESPONSE',
  },
]);
