import { z } from 'zod';
import { termDtoSchema } from '../dto/term.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { createSchema, updateSchema } from './terms.js';
import { tagIdQuerySchema } from './wire-schemas.js';

/** OpenAPI description of `termRoutes`, the glossary (the schemas are the route's own). */
export const termDocs = describeRoutes('/terms', 'glossary', [
  {
    method: 'post',
    path: '/',
    operationId: 'createTerm',
    client: 'glossary.createTerm',
    summary: 'Create a glossary term',
    operation: 'CREATE_TERM',
    body: createSchema,
    response: termDtoSchema,
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listTerms',
    client: 'glossary.listTerms',
    summary: 'List glossary terms',
    operation: 'LIST_TERMS',
    query: tagIdQuerySchema,
    response: z.array(termDtoSchema),
  },
  {
    method: 'get',
    path: '/:termId',
    operationId: 'retrieveTerm',
    client: 'glossary.retrieveTerm',
    summary: 'Read a glossary term',
    operation: 'READ_TERM',
    response: termDtoSchema,
  },
  {
    method: 'patch',
    path: '/:termId',
    operationId: 'updateTerm',
    client: 'glossary.updateTerm',
    summary: 'Update a glossary term',
    operation: 'UPDATE_TERM',
    body: updateSchema,
    response: termDtoSchema,
  },
  {
    method: 'delete',
    path: '/:termId',
    operationId: 'deleteTerm',
    client: 'glossary.deleteTerm',
    summary: 'Delete a glossary term',
    operation: 'DELETE_TERM',
  },
]);
