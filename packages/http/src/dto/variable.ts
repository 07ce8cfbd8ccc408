import type { Variable, VariableValue } from '@conduct/core';
import { toolIdDto } from './tool.js';

/** Wire shape of a context variable (reference §1.8). */
export function variableDto(variable: Variable) {
  return {
    id: variable.id,
    name: variable.name,
    description: variable.description,
    tool_id: variable.tool === null ? null : toolIdDto(variable.tool),
    freshness_rules: variable.freshnessRules,
    tags: variable.tags,
  };
}

/** Wire shape of one value of a context variable. */
export function variableValueDto(value: VariableValue) {
  return { id: value.id, last_modified: value.updatedAt, data: value.data };
}
