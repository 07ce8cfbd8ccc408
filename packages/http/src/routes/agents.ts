import { compositionModeSchema } from '@conduct/core';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, behaviorModel, services } from '../app-env.js';
import { agentDto, agentDtoSchema } from '../dto/agent.js';
import { describeRoutes } from '../openapi/route-docs.js';
import { parseBody } from '../validation.js';
import { applyTagChanges, tagChangesSchema } from './tag-changes.js';

const createSchema = z.object({
  name: z.string().min(1).max(100),
  id: z.string().min(1).optional(),
  description: z.string().nullish(),
  max_engine_iterations: z.number().int().min(1).optional(),
  composition_mode: compositionModeSchema.optional(),
  message_output_mode: z.enum(['block', 'stream']).optional(),
  tags: z.array(z.string()).optional(),
});

const updateSchema = z.object({
  name: z.string().min(1).max(100).optional(),
  description: z.string().nullish(),
  max_engine_iterations: z.number().int().min(1).optional(),
  composition_mode: compositionModeSchema.optional(),
  message_output_mode: z.enum(['block', 'stream']).optional(),
  tags: tagChangesSchema.optional(),
});

/** `/agents` (docs/compatibility.md#agents). */
export const agentRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_AGENT');
    const body = await parseBody(c, createSchema);
    const agent = await behaviorModel(c).agents.create({
      ...(body.id === undefined ? {} : { id: body.id }),
      name: body.name,
      description: body.description ?? null,
      ...(body.max_engine_iterations === undefined
        ? {}
        : { maxEngineIterations: body.max_engine_iterations }),
      ...(body.composition_mode === undefined ? {} : { compositionMode: body.composition_mode }),
      ...(body.message_output_mode === undefined ? {} : { outputMode: body.message_output_mode }),
      tags: body.tags ?? [],
    });
    return c.json(agentDto(agent), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_AGENTS');
    return c.json((await services(c).store.agents.list()).map(agentDto));
  })
  .get('/:agentId', async (c) => {
    await authorize(c, 'READ_AGENT');
    return c.json(agentDto(await services(c).store.agents.get(c.req.param('agentId'))));
  })
  .patch('/:agentId', async (c) => {
    await authorize(c, 'UPDATE_AGENT');
    const body = await parseBody(c, updateSchema);
    const agent = await behaviorModel(c).agents.update(c.req.param('agentId'), (current) => ({
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.description === undefined ? {} : { description: body.description ?? null }),
      ...(body.max_engine_iterations === undefined
        ? {}
        : { maxEngineIterations: body.max_engine_iterations }),
      ...(body.composition_mode === undefined ? {} : { compositionMode: body.composition_mode }),
      ...(body.message_output_mode === undefined ? {} : { outputMode: body.message_output_mode }),
      ...(body.tags === undefined ? {} : { tags: applyTagChanges(current.tags, body.tags) }),
    }));
    return c.json(agentDto(agent));
  })
  .delete('/:agentId', async (c) => {
    await authorize(c, 'DELETE_AGENT');
    await behaviorModel(c).agents.delete(c.req.param('agentId'));
    return c.body(null, 204);
  });

/** OpenAPI description of {@link agentRoutes}. */
export const agentDocs = describeRoutes('/agents', 'agents', [
  {
    method: 'post',
    path: '/',
    operationId: 'createAgent',
    client: 'agents.create',
    summary: 'Create an agent',
    operation: 'CREATE_AGENT',
    body: createSchema,
    response: agentDtoSchema,
    errors: [409],
  },
  {
    method: 'get',
    path: '/',
    operationId: 'listAgents',
    client: 'agents.list',
    summary: 'List agents',
    operation: 'LIST_AGENTS',
    response: z.array(agentDtoSchema),
  },
  {
    method: 'get',
    path: '/:agentId',
    operationId: 'retrieveAgent',
    client: 'agents.retrieve',
    summary: 'Read an agent',
    operation: 'READ_AGENT',
    response: agentDtoSchema,
  },
  {
    method: 'patch',
    path: '/:agentId',
    operationId: 'updateAgent',
    client: 'agents.update',
    summary: 'Update an agent',
    operation: 'UPDATE_AGENT',
    body: updateSchema,
    response: agentDtoSchema,
  },
  {
    method: 'delete',
    path: '/:agentId',
    operationId: 'deleteAgent',
    client: 'agents.delete',
    summary: 'Delete an agent',
    operation: 'DELETE_AGENT',
  },
]);
