import type { PageOptions } from '@conduct/core';
import { assertPageLimit, decodeCursor, encodeCursor } from '@conduct/core/internal';
import type { SqlParams } from '../driver/sql-params.js';
import { ENTITY_COLUMNS } from './entity-rows.js';

/** A page of rows, before they become entities. */
export interface RowPage<Row> {
  items: Row[];
  totalCount: number;
  hasMore: boolean;
  nextCursor: string | null;
}

/**
 * The query of one page over `table` (rows filtered by `where`) and how to read its result,
 * with the memory store's semantics: by creation time then id, the cursor is the position after
 * an item, `totalCount` counts what remains from the cursor on, an invalid cursor is ignored.
 */
export function pageQuery(
  table: string,
  where: readonly string[],
  params: SqlParams,
  options: PageOptions,
): {
  sql: string;
  finish<Row extends { id: string; created_at: string; remaining: number }>(
    rows: Row[],
  ): RowPage<Row>;
} {
  assertPageLimit(options.limit);
  const descending = options.sort === 'desc';
  const conditions = [...where];
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  if (after !== undefined) {
    const position = `(${params.add(after.createdAt)}, ${params.add(after.id)})`;
    conditions.push(`(created_at, id) ${descending ? '<' : '>'} ${position}`);
  }
  const direction = descending ? 'DESC' : 'ASC';
  // The window count runs before LIMIT: it counts every row from the cursor on.
  const sql = `SELECT ${ENTITY_COLUMNS}, count(*) OVER ()::int AS remaining
    FROM ${table}
    ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
    ORDER BY created_at ${direction}, id ${direction}
    ${options.limit === undefined ? '' : `LIMIT ${params.add(options.limit + 1)}`}`;
  return {
    sql,
    finish(rows) {
      const totalCount = rows[0]?.remaining ?? 0;
      if (options.limit === undefined) {
        return { items: rows, totalCount, hasMore: false, nextCursor: null };
      }
      const items = rows.slice(0, options.limit);
      const hasMore = rows.length > items.length;
      const last = items.at(-1);
      const nextCursor =
        hasMore && last !== undefined
          ? encodeCursor({ id: last.id, createdAt: last.created_at })
          : null;
      return { items, totalCount, hasMore, nextCursor };
    },
  };
}
