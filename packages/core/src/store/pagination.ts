import { ValidationError } from '../errors/errors.js';
import type { Page, PageOptions } from './entity-store.js';

/** What pagination orders by: creation time, then id. */
export interface Pageable {
  id: string;
  createdAt: string;
}

/** Encodes the position after `item` as an opaque cursor (`base64("<createdAt>|<id>")`). */
export function encodeCursor(item: Pageable): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${item.createdAt}|${item.id}`)) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary);
}

/** Decodes a cursor; `undefined` for anything that is not one (invalid cursors are ignored). */
export function decodeCursor(cursor: string): Pageable | undefined {
  try {
    const bytes = Uint8Array.from(atob(cursor), (char) => char.charCodeAt(0));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const separator = text.indexOf('|');
    if (separator <= 0) return undefined;
    const createdAt = text.slice(0, separator);
    const id = text.slice(separator + 1);
    if (id.length === 0 || Number.isNaN(Date.parse(createdAt))) return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}

/** Orders by creation time, then id. */
export function compareByCreation(a: Pageable, b: Pageable): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Pages through items that are already filtered, in memory. SQL stores do the same in the
 * query; the semantics (ordering, cursor, `totalCount` counted from the cursor on) are shared.
 */
export function paginate<T extends Pageable>(
  items: readonly T[],
  options: PageOptions = {},
): Page<T> {
  assertPageLimit(options.limit);
  const direction = options.sort === 'desc' ? -1 : 1;
  const sorted = [...items].sort((a, b) => direction * compareByCreation(a, b));
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const remaining =
    after === undefined
      ? sorted
      : sorted.filter((item) => direction * compareByCreation(item, after) > 0);
  if (options.limit === undefined) {
    return { items: remaining, totalCount: remaining.length, hasMore: false, nextCursor: null };
  }
  const items_ = remaining.slice(0, options.limit);
  const hasMore = remaining.length > items_.length;
  const last = items_.at(-1);
  return {
    items: items_,
    totalCount: remaining.length,
    hasMore,
    nextCursor: hasMore && last !== undefined ? encodeCursor(last) : null,
  };
}

/** Rejects a page size that is not an integer from 1 to 100. */
export function assertPageLimit(limit: number | undefined): void {
  if (limit === undefined) return;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new ValidationError(`Invalid page limit ${limit}: use an integer from 1 to 100`, [
      { path: ['limit'], message: 'must be an integer from 1 to 100', type: 'too_small' },
    ]);
  }
}
