import { z } from 'zod';
import {
  variableDtoSchema,
  variableValueDtoSchema,
  variableWithValuesDtoSchema,
} from '../dto/variable.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { valueSchema } from './context-variable-values.js';
import { createSchema, readQuery, updateSchema } from './context-variables.js';
import { tagIdQuerySchema } from './wire-schemas.js';

/** OpenAPI description of `contextVariableRoutes` and their values (the routes' own schemas). */
export const contextVariableDocs = describeRoutes('/context-variables', 'context-variables', [
  {
    method: 'post',
    path: '/',
    operationId: 'createContextVariable',
    client: 'contextVariables.create',
    summary: 'Create a context variable',
    operation: 'CREATE_CONTEXT_VARIABLE',
    body: createSchema,
    response: variableDtoSchema,
    errors: [404, 409],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listContextVariables',
    client: 'contextVariables.list',
    summary: 'List context variables',
    operation: 'LIST_CONTEXT_VARIABLES',
    query: tagIdQuerySchema,
    response: z.array(variableDtoSchema),
  },
  {
    method: 'delete',
    path: '/',
    operationId: 'deleteContextVariables',
    client: 'contextVariables.deleteMany',
    summary: 'Delete context variables (with `tag_id`: untag, delete those left untagged)',
    operation: 'DELETE_CONTEXT_VARIABLES',
    query: tagIdQuerySchema,
  },
  {
    method: 'get',
    path: '/:variableId',
    operationId: 'retrieveContextVariable',
    client: 'contextVariables.retrieve',
    summary: 'Read a context variable (and its values)',
    operation: 'READ_CONTEXT_VARIABLE',
    query: readQuery,
    response: variableWithValuesDtoSchema,
  },
  {
    method: 'patch',
    path: '/:variableId',
    operationId: 'updateContextVariable',
    client: 'contextVariables.update',
    summary: 'Update a context variable',
    operation: 'UPDATE_CONTEXT_VARIABLE',
    body: updateSchema,
    response: variableDtoSchema,
  },
  {
    method: 'delete',
    path: '/:variableId',
    operationId: 'deleteContextVariable',
    client: 'contextVariables.delete',
    summary: 'Delete a context variable',
    operation: 'DELETE_CONTEXT_VARIABLE',
  },
  {
    method: 'get',
    path: '/:variableId/:key',
    operationId: 'getContextVariableValue',
    client: 'contextVariables.getValue',
    summary: "Read a variable's value for a key",
    operation: 'READ_CONTEXT_VARIABLE_VALUE',
    response: variableValueDtoSchema,
  },
  {
    method: 'put',
    path: '/:variableId/:key',
    operationId: 'setContextVariableValue',
    client: 'contextVariables.setValue',
    summary: "Set a variable's value for a key",
    operation: 'UPDATE_CONTEXT_VARIABLE_VALUE',
    body: valueSchema,
    response: variableValueDtoSchema,
  },
  {
    method: 'delete',
    path: '/:variableId/:key',
    operationId: 'deleteContextVariableValue',
    client: 'contextVariables.deleteValue',
    summary: "Delete a variable's value for a key",
    operation: 'DELETE_CONTEXT_VARIABLE_VALUE',
  },
]);
