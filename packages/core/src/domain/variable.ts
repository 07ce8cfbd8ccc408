import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { tagIdsSchema, toolRefSchema } from './common.js';
import { ownerFieldSchema } from './owner.js';

const variableFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().nullable(),
  /** Tool that computes a fresh value when the stored one is stale. */
  tool: toolRefSchema.nullable(),
  /** Cron expression: the value is stale once a scheduled time has passed since it was set. */
  freshnessRules: z.string().trim().min(1).nullable(),
  /** Alternative to a cron rule: the value is stale this many seconds after it was set. */
  ttlSeconds: z.number().int().positive().nullable(),
  tags: tagIdsSchema,
  /** The agent whose code defines it (`conduct.sync`); `null` when created over the API. */
  owner: ownerFieldSchema,
};

/** A context variable: a named value given to prompts, per customer, per tag or global. */
export const variableSchema = z.object({
  id: idSchema,
  ...variableFields,
  // Absent on entities stored before ownership existed: they count as `null`.
  owner: variableFields.owner.optional(),
  createdAt: timestampSchema,
});
/** A context variable. */
export type Variable = z.infer<typeof variableSchema>;

/** What it takes to create a variable. */
export const variableInputSchema = z.object({
  id: idSchema.optional(),
  name: variableFields.name,
  description: variableFields.description.default(null),
  tool: variableFields.tool.default(null),
  freshnessRules: variableFields.freshnessRules.default(null),
  ttlSeconds: variableFields.ttlSeconds.default(null),
  tags: variableFields.tags.default([]),
  owner: variableFields.owner.default(null),
});
/** What it takes to create a variable. */
export type VariableInput = z.input<typeof variableInputSchema>;

/** Fields that can be changed after creation. */
export const variablePatchSchema = z.object(variableFields).partial();
/** Fields that can be changed after creation. */
export type VariablePatch = z.input<typeof variablePatchSchema>;

/** Key of the global value of a variable. */
export const GLOBAL_VARIABLE_KEY = 'DEFAULT';

/** Key of a variable's value for every customer with a tag. Customer values use the customer id. */
export function tagVariableKey(tagId: string): string {
  return `tag:${tagId}`;
}

/** One stored value of a variable under one key (a customer id, `tag:<id>` or `DEFAULT`). */
export const variableValueSchema = z.object({
  id: idSchema,
  variableId: idSchema,
  key: z.string().min(1),
  data: z.unknown(),
  updatedAt: timestampSchema,
});
/** One stored value of a variable under one key. */
export type VariableValue = z.infer<typeof variableValueSchema>;
