import type { Page } from '@conduct/core';
import { z } from 'zod';

/**
 * Wire shape of a paginated listing (docs/compatibility.md#formats-errors-and-pagination):
 * `{items, total_count, has_more, next_cursor}`.
 */
export function pageDto<T, D>(page: Page<T>, toDto: (item: T) => D) {
  return {
    items: page.items.map(toDto),
    total_count: page.totalCount,
    has_more: page.hasMore,
    next_cursor: page.nextCursor,
  };
}

/** The schema of a paginated listing of `item`s. */
export function pageDtoSchema<S extends z.ZodType>(item: S) {
  return z.object({
    items: z.array(item),
    total_count: z.number().int().describe('Items remaining after the cursor'),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  });
}

/**
 * What a listing with optional pagination answers: a plain array without `limit`, a page with
 * it (docs/compatibility.md#formats-errors-and-pagination).
 */
export function listingDtoSchema<S extends z.ZodType>(item: S) {
  return z.union([z.array(item), pageDtoSchema(item)]);
}
