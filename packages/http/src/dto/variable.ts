import type { Variable, VariableValue } from '@conduct/core';
import { z } from 'zod';
import { named, timestampDto } from '../openapi/schema-registry.js';
import { toolIdDto, toolIdDtoSchema } from './tool.js';

/** Wire shape of a context variable (docs/compatibility.md#context-variables). */
export const variableDtoSchema = named(
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    tool_id: toolIdDtoSchema.nullable(),
    freshness_rules: z.string().nullable().describe('A cron expression'),
    ttl_seconds: z
      .number()
      .int()
      .nullable()
      .describe('Extension: the value goes stale this many seconds after it was set'),
    tags: z.array(z.string()),
  }),
  'ContextVariable',
);

/** A context variable in the wire format. */
export function variableDto(variable: Variable): z.output<typeof variableDtoSchema> {
  return {
    id: variable.id,
    name: variable.name,
    description: variable.description,
    tool_id: variable.tool === null ? null : toolIdDto(variable.tool),
    freshness_rules: variable.freshnessRules,
    ttl_seconds: variable.ttlSeconds,
    tags: variable.tags,
  };
}

/** Wire shape of one value of a context variable. */
export const variableValueDtoSchema = named(
  z.object({ id: z.string(), last_modified: timestampDto, data: z.unknown() }),
  'ContextVariableValue',
);

/** One value of a context variable in the wire format. */
export function variableValueDto(value: VariableValue): z.output<typeof variableValueDtoSchema> {
  return { id: value.id, last_modified: value.updatedAt, data: value.data };
}

/** `GET /context-variables/{id}`: the variable and, unless asked not to, its values by key. */
export const variableWithValuesDtoSchema = z.object({
  context_variable: variableDtoSchema,
  key_value_pairs: z.record(z.string(), variableValueDtoSchema).nullable(),
});
