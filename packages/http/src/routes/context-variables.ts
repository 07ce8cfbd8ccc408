import { errorMessage } from '@conduct/core';
import { parseCron, validateToolCall } from '@conduct/core/internal';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type AppEnv, authorize, behaviorModel, services } from '../app-env.js';
import { toolRefOf } from '../dto/tool.js';
import { variableDto, variableValueDto } from '../dto/variable.js';
import { queryBoolean } from '../query-types.js';
import { parseBody, parseQuery } from '../validation.js';
import { ensureTagsExist, ensureToolsKnown, toolRegistryOf, unprocessable } from './checks.js';
import { variableValueRoutes } from './context-variable-values.js';
import { applyTagChanges, tagChangesSchema } from './tag-changes.js';
import {
  customIdSchema,
  given,
  tagFilter,
  tagIdQuerySchema,
  tagIdsSchema,
  toolIdSchema,
} from './wire-schemas.js';

const nameSchema = z.string().trim().min(1).max(100);
const freshnessSchema = z.string().superRefine((rule, context) => {
  try {
    parseCron(rule);
  } catch (error) {
    const why = errorMessage(error);
    context.addIssue({
      code: 'custom',
      message: `the provided freshness_rules contain an invalid cron expression (${why})`,
    });
  }
});
// Extension (not in the reference): a value goes stale this many seconds after it was set.
const ttlSchema = z.number().int().positive();

/** Body of `POST /context-variables`. */
export const createSchema = z.object({
  name: nameSchema,
  description: z.string().nullish(),
  tool_id: toolIdSchema.nullish(),
  freshness_rules: freshnessSchema.nullish(),
  ttl_seconds: ttlSchema.nullish(),
  tags: tagIdsSchema.nullish(),
  id: customIdSchema,
});

/** Body of `PATCH /context-variables/{id}`. */
export const updateSchema = z.object({
  name: nameSchema.nullish(),
  description: z.string().nullish(),
  tool_id: toolIdSchema.nullish(),
  freshness_rules: freshnessSchema.nullish(),
  ttl_seconds: ttlSchema.nullish(),
  tags: tagChangesSchema.nullish(),
});

/** Query of `GET /context-variables/{id}`. */
export const readQuery = z.object({ include_values: queryBoolean.default(true) });

/** Explicit `null` clears a nullable field; an absent field keeps its value. */
function nullable<T, R>(value: T | null | undefined, map: (value: T) => R): R | null | undefined {
  if (value === undefined) return undefined;
  return value === null ? null : map(value);
}

/** 422 unless the registered tool can run without arguments (how refreshes call it). */
function ensureRefreshable(c: Context<AppEnv>, ref: string): void {
  ensureToolsKnown(c, [ref]);
  const tool = toolRegistryOf(c)?.get(ref);
  if (tool === undefined) return;
  const check = validateToolCall(tool, {});
  if (!check.ok) {
    throw unprocessable(
      'tool_id',
      `tool "${ref}" cannot refresh a variable: it is called without arguments, but ${check.insights.map((insight) => insight.message).join('; ')}`,
    );
  }
}

/** `/context-variables` and their values (docs/compatibility.md#context-variables). */
export const contextVariableRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    await authorize(c, 'CREATE_CONTEXT_VARIABLE');
    const body = await parseBody(c, createSchema);
    const tool = body.tool_id == null ? null : toolRefOf(body.tool_id);
    if (tool !== null) ensureRefreshable(c, tool);
    const variable = await behaviorModel(c).variables.create(
      {
        id: given(body.id),
        name: body.name,
        description: body.description ?? null,
        tool,
        freshnessRules: body.freshness_rules?.trim() ?? null,
        ttlSeconds: body.ttl_seconds ?? null,
        tags: [...new Set(body.tags ?? [])],
      },
      { check: (tx) => ensureTagsExist(tx, body.tags) },
    );
    return c.json(variableDto(variable), 201);
  })
  .get('/', async (c) => {
    await authorize(c, 'LIST_CONTEXT_VARIABLES');
    const query = parseQuery(c, tagIdQuerySchema);
    return c.json(
      (await services(c).store.variables.list(tagFilter(query.tag_id))).map(variableDto),
    );
  })
  .delete('/', async (c) => {
    await authorize(c, 'DELETE_CONTEXT_VARIABLES');
    // `?tag_id=` is a 422 (parseQuery), never "every variable".
    const tagId = parseQuery(c, tagIdQuerySchema).tag_id;
    // As the reference: with a tag, untag every variable and delete those left with no tag.
    await behaviorModel(c).variables.deleteByTag(tagId);
    return c.body(null, 204);
  })
  .get('/:variableId', async (c) => {
    await authorize(c, 'READ_CONTEXT_VARIABLE');
    const query = parseQuery(c, readQuery);
    const { store } = services(c);
    const variable = await store.variables.get(c.req.param('variableId'));
    const values = query.include_values ? await store.variables.listValues(variable.id) : null;
    return c.json({
      context_variable: variableDto(variable),
      key_value_pairs:
        values === null
          ? null
          : Object.fromEntries(values.map((value) => [value.key, variableValueDto(value)])),
    });
  })
  .patch('/:variableId', async (c) => {
    await authorize(c, 'UPDATE_CONTEXT_VARIABLE');
    const body = await parseBody(c, updateSchema);
    const tool = nullable(body.tool_id, toolRefOf);
    const variable = await behaviorModel(c).variables.update(
      c.req.param('variableId'),
      (current) => ({
        name: given(body.name),
        description: body.description,
        tool,
        freshnessRules: nullable(body.freshness_rules, (rule) => rule.trim()),
        ttlSeconds: body.ttl_seconds,
        tags: body.tags == null ? undefined : applyTagChanges(current.tags, body.tags),
      }),
      {
        async check(tx) {
          if (typeof tool === 'string') ensureRefreshable(c, tool);
          await ensureTagsExist(tx, body.tags?.add);
        },
      },
    );
    return c.json(variableDto(variable));
  })
  .delete('/:variableId', async (c) => {
    await authorize(c, 'DELETE_CONTEXT_VARIABLE');
    await behaviorModel(c).variables.delete(c.req.param('variableId'));
    return c.body(null, 204);
  })
  .route('/', variableValueRoutes);
