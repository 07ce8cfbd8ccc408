import type { TagFilter } from '@conduct/core';
import type { SqlParams } from '../driver/sql-params.js';

/** SQL conditions of a tag filter: the entity carries at least one of the tags. */
export function tagWhere(filter: TagFilter | undefined, params: SqlParams): string[] {
  const tags = filter?.tags;
  if (tags === undefined || tags.length === 0) return [];
  return [`data->'tags' ?| ${params.textArray(tags)}`];
}
