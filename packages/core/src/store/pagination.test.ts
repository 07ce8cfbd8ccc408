import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/errors.js';
import { decodeCursor, encodeCursor, paginate } from './pagination.js';

const items = ['a', 'b', 'c'].map((id, index) => ({
  id,
  createdAt: `2026-01-0${index + 1}T00:00:00.000Z`,
}));

describe('paginate', () => {
  it('rejects page sizes outside 1..100', () => {
    for (const limit of [0, -1, 101, 1.5]) {
      expect(() => paginate(items, { limit })).toThrow(ValidationError);
    }
    expect(paginate(items, { limit: 100 }).items).toHaveLength(3);
  });

  it('round-trips cursors, including non-ASCII ids, and ignores garbage', () => {
    const item = { id: 'é-客', createdAt: '2026-01-01T00:00:00.000Z' };
    expect(decodeCursor(encodeCursor(item))).toEqual(item);
    expect(decodeCursor('not base64 at all!')).toBeUndefined();
    expect(paginate(items, { cursor: 'garbage', limit: 2 }).items.map((i) => i.id)).toEqual([
      'a',
      'b',
    ]);
  });
});
