import type { PageOptions } from '@conduct/core';
import { z } from 'zod';
import { queryInteger } from '../query-types.js';

/**
 * Query fields of a paginated listing (docs/compatibility.md#formats-errors-and-pagination):
 * `limit` 1..100, `cursor`, `sort`.
 */
export const pageQueryShape = {
  limit: queryInteger
    .pipe(z.number().int().min(1).max(100))
    .meta({ type: 'integer', minimum: 1, maximum: 100 })
    .optional()
    .describe('Page size; without it the answer is a plain array'),
  cursor: z.string().optional().describe('`next_cursor` of the previous page'),
  sort: z.enum(['asc', 'desc']).default('asc').describe('By creation time'),
};

/** The store's page options from parsed page query fields. */
export function pageOptions(query: { limit?: number; cursor?: string; sort?: 'asc' | 'desc' }) {
  const options: PageOptions = {};
  if (query.limit !== undefined) options.limit = query.limit;
  if (query.cursor !== undefined) options.cursor = query.cursor;
  if (query.sort !== undefined) options.sort = query.sort;
  return options;
}
