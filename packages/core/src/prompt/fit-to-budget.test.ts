import { describe, expect, it, vi } from 'vitest';
import { fitToBudget } from './fit-to-budget.js';

interface Item {
  id: string;
  cost: number;
}

const items: Item[] = [
  { id: 'a', cost: 5 },
  { id: 'b', cost: 3 },
  { id: 'c', cost: 4 },
  { id: 'd', cost: 2 },
];
const count = (item: Item) => item.cost;
const ids = (kept: Item[]) => kept.map((item) => item.id);

describe('fitToBudget', () => {
  it('keeps the newest items that fit, in chronological order', () => {
    const result = fitToBudget(items, { budget: 9, count, keep: 'newest' });
    expect(ids(result.items)).toEqual(['b', 'c', 'd']);
    expect(result.dropped).toBe(1);
    expect(result.used).toBe(9);
  });

  it('defaults to keeping the newest', () => {
    expect(ids(fitToBudget(items, { budget: 6, count }).items)).toEqual(['c', 'd']);
  });

  it('keeps everything when the budget allows', () => {
    const result = fitToBudget(items, { budget: 14, count });
    expect(ids(result.items)).toEqual(['a', 'b', 'c', 'd']);
    expect(result.dropped).toBe(0);
    expect(fitToBudget(items, { budget: Number.POSITIVE_INFINITY, count }).dropped).toBe(0);
  });

  it('stops at the first item that does not fit instead of skipping it', () => {
    // 'tiny' would still fit after 'new', but taking it would leave a hole where 'big' was.
    const gappy: Item[] = [
      { id: 'tiny', cost: 1 },
      { id: 'big', cost: 50 },
      { id: 'new', cost: 2 },
    ];
    const result = fitToBudget(gappy, { budget: 10, count });
    expect(ids(result.items)).toEqual(['new']);
    expect(result.dropped).toBe(2);
  });

  it('returns nothing and drops everything when the newest item alone exceeds the budget', () => {
    const result = fitToBudget(items, { budget: 1, count });
    expect(result).toEqual({ items: [], dropped: 4, used: 0 });
  });

  it('handles an empty list, a zero budget and zero-cost items', () => {
    expect(fitToBudget([], { budget: 10, count })).toEqual({ items: [], dropped: 0, used: 0 });
    expect(fitToBudget(items, { budget: 0, count }).items).toEqual([]);
    const free = [{ id: 'x', cost: 0 }];
    expect(ids(fitToBudget(free, { budget: 0, count }).items)).toEqual(['x']);
  });

  it('keeps nothing for a NaN budget or cost', () => {
    expect(fitToBudget(items, { budget: Number.NaN, count }).items).toEqual([]);
    expect(fitToBudget(items, { budget: 100, count: () => Number.NaN }).dropped).toBe(4);
  });

  it('counts each examined item once, newest first, and stops early', () => {
    const spy = vi.fn(count);
    fitToBudget(items, { budget: 6, count: spy });
    expect(spy.mock.calls.map(([item]) => item.id)).toEqual(['d', 'c', 'b']);
  });

  it('can keep the oldest instead', () => {
    const result = fitToBudget(items, { budget: 9, count, keep: 'oldest' });
    expect(ids(result.items)).toEqual(['a', 'b']);
    expect(result.dropped).toBe(2);
    expect(result.used).toBe(8);
  });

  it('works with any item type', () => {
    const lines = ['first line', 'second', 'third and last'];
    const result = fitToBudget(lines, { budget: 20, count: (line) => line.length });
    expect(result.items).toEqual(['second', 'third and last']);
  });

  it('does not modify its input', () => {
    const copy = [...items];
    fitToBudget(items, { budget: 3, count });
    expect(items).toEqual(copy);
  });
});
