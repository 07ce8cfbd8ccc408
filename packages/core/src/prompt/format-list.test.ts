import { describe, expect, it } from 'vitest';
import {
  formatList,
  formatMarkedList,
  formatNumberedList,
  itemAtLocalIndex,
} from './format-list.js';

describe('formatList', () => {
  it('puts one bulleted item per line', () => {
    expect(formatList(['refunds', 'shipping'])).toBe('- refunds\n- shipping');
  });

  it('indents continuation lines under the item text', () => {
    expect(formatList(['first\nmore', 'second'])).toBe('- first\n  more\n- second');
  });

  it('gives an empty string for no items', () => {
    expect(formatList([])).toBe('');
  });
});

describe('formatNumberedList', () => {
  it('numbers items from 1', () => {
    expect(formatNumberedList(['a', 'b', 'c'])).toBe('1. a\n2. b\n3. c');
  });

  it('can start at another number', () => {
    expect(formatNumberedList(['a', 'b'], { start: 0 })).toBe('0. a\n1. b');
  });

  it('indents continuation lines by the width of the number', () => {
    const items = Array.from({ length: 10 }, (_, index) => `item ${index + 1}`);
    items[9] = 'ten\nstill ten';
    expect(formatNumberedList(items).split('\n').slice(-2)).toEqual(['10. ten', '    still ten']);
  });

  it('gives an empty string for no items', () => {
    expect(formatNumberedList([])).toBe('');
  });
});

describe('formatMarkedList', () => {
  const letter = (index: number) => `${String.fromCharCode(65 + index)}.`;

  it('marks each item with the marker of its index', () => {
    expect(formatMarkedList(['ask the date', 'ask the city'], letter)).toBe(
      'A. ask the date\nB. ask the city',
    );
    expect(formatMarkedList(['one', 'two'], (index) => `[${index + 1}]`)).toBe('[1] one\n[2] two');
  });

  it('indents continuation lines by the width of each marker, so they never read as items', () => {
    const options = formatMarkedList(['return\nwithin 30 days', 'repair'], (i) => `${'ab'[i]})`);
    expect(options).toBe('a) return\n   within 30 days\nb) repair');
    // A nested list keeps its shape inside an outer item.
    expect(formatNumberedList([`WHEN faulty, one of:\n${options}`])).toBe(
      '1. WHEN faulty, one of:\n   a) return\n      within 30 days\n   b) repair',
    );
  });

  it('gives an empty string for no items', () => {
    expect(formatMarkedList([], letter)).toBe('');
  });
});

describe('itemAtLocalIndex', () => {
  const ids = ['g1', 'g2', 'g3'];

  it('maps 1-based local numbers back to items', () => {
    expect(itemAtLocalIndex(ids, 1)).toBe('g1');
    expect(itemAtLocalIndex(ids, 3)).toBe('g3');
  });

  it('returns undefined for numbers a model invented', () => {
    expect(itemAtLocalIndex(ids, 0)).toBeUndefined();
    expect(itemAtLocalIndex(ids, 4)).toBeUndefined();
    expect(itemAtLocalIndex(ids, -1)).toBeUndefined();
    expect(itemAtLocalIndex(ids, 1.5)).toBeUndefined();
    expect(itemAtLocalIndex(ids, Number.NaN)).toBeUndefined();
  });

  it('honours a custom start', () => {
    expect(itemAtLocalIndex(ids, 0, 0)).toBe('g1');
    expect(itemAtLocalIndex(ids, 3, 0)).toBeUndefined();
  });
});
