import { GUEST_CUSTOMER_ID } from '@conduct/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, services } from '../app-env.js';
import { customerDto, customerDtoSchema } from '../dto/customer.js';
import { listingDtoSchema, pageDto } from '../dto/page.js';
import { HttpError } from '../errors.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { parseBody, parseQuery } from '../validation.js';
import { pageOptions, pageQueryShape } from './page-query.js';
import { applyMetadataChanges, applyTagChanges, tagChangesSchema } from './tag-changes.js';

const stringMap = z.record(z.string(), z.string());

const createSchema = z.object({
  name: z.string().min(1).max(100),
  id: z.string().min(1).optional(),
  metadata: stringMap.nullish(),
  tags: z.array(z.string()).nullish(),
});

const updateSchema = z.object({
  name: z.string().min(1).max(100).optional(),
  metadata: z
    .object({ set: stringMap.optional(), unset: z.array(z.string()).optional() })
    .optional(),
  tags: tagChangesSchema.optional(),
});

const listQuery = z.object(pageQueryShape);

/**
 * `/customers` (docs/compatibility.md#customers). The built-in `guest` always exists and cannot be
 * deleted.
 */
export const customerRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_CUSTOMER');
    const body = await parseBody(c, createSchema);
    const customer = await services(c).store.customers.create({
      ...(body.id === undefined ? {} : { id: body.id }),
      name: body.name,
      metadata: body.metadata ?? {},
      tags: body.tags ?? [],
    });
    return c.json(customerDto(customer), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_CUSTOMERS');
    const query = parseQuery(c, listQuery);
    const page = await services(c).store.customers.page(pageOptions(query));
    return query.limit === undefined
      ? c.json(page.items.map(customerDto))
      : c.json(pageDto(page, customerDto));
  })
  .get('/:customerId', async (c) => {
    await authorize(c, 'READ_CUSTOMER');
    return c.json(customerDto(await services(c).store.customers.get(c.req.param('customerId'))));
  })
  .patch('/:customerId', async (c) => {
    await authorize(c, 'UPDATE_CUSTOMER');
    const body = await parseBody(c, updateSchema);
    const { store } = services(c);
    const current = await store.customers.get(c.req.param('customerId'));
    const customer = await store.customers.update(current.id, {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.metadata === undefined
        ? {}
        : { metadata: applyMetadataChanges(current.metadata, body.metadata) }),
      ...(body.tags === undefined ? {} : { tags: applyTagChanges(current.tags, body.tags) }),
    });
    return c.json(customerDto(customer));
  })
  .delete('/:customerId', async (c) => {
    await authorize(c, 'DELETE_CUSTOMER');
    const id = c.req.param('customerId');
    // The reference server answers 500 here; a client error says what is wrong.
    if (id === GUEST_CUSTOMER_ID) {
      throw new HttpError(400, 'The built-in guest customer cannot be deleted');
    }
    await services(c).store.customers.delete(id);
    return c.body(null, 204);
  });

/** OpenAPI description of {@link customerRoutes}. */
export const customerDocs = describeRoutes('/customers', 'customers', [
  {
    method: 'post',
    path: '/',
    operationId: 'createCustomer',
    client: 'customers.create',
    summary: 'Create a customer',
    operation: 'CREATE_CUSTOMER',
    body: createSchema,
    response: customerDtoSchema,
    errors: [409],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listCustomers',
    client: 'customers.list',
    summary: 'List customers',
    description:
      'A plain array without `limit`; a page `{items, total_count, has_more, next_cursor}` with it.',
    operation: 'LIST_CUSTOMERS',
    query: listQuery,
    response: listingDtoSchema(customerDtoSchema),
  },
  {
    method: 'get',
    path: '/:customerId',
    operationId: 'retrieveCustomer',
    client: 'customers.retrieve',
    summary: 'Read a customer',
    operation: 'READ_CUSTOMER',
    response: customerDtoSchema,
  },
  {
    method: 'patch',
    path: '/:customerId',
    operationId: 'updateCustomer',
    client: 'customers.update',
    summary: 'Update a customer',
    operation: 'UPDATE_CUSTOMER',
    body: updateSchema,
    response: customerDtoSchema,
  },
  {
    method: 'delete',
    path: '/:customerId',
    operationId: 'deleteCustomer',
    client: 'customers.delete',
    summary: 'Delete a customer',
    description: 'The built-in `guest` cannot be deleted (400).',
    operation: 'DELETE_CUSTOMER',
    errors: [400],
  },
]);
