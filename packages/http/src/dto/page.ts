import type { Page } from '@conduct/core';

/** Wire shape of a paginated listing (reference §4): `{items, total_count, has_more, next_cursor}`. */
export function pageDto<T, D>(page: Page<T>, toDto: (item: T) => D) {
  return {
    items: page.items.map(toDto),
    total_count: page.totalCount,
    has_more: page.hasMore,
    next_cursor: page.nextCursor,
  };
}
