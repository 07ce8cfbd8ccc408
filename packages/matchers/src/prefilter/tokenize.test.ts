import { describe, expect, it } from 'vitest';
import { Bm25Index } from './bm25.js';
import { stem, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('lowercases, drops stop words, possessives and punctuation, and stems', () => {
    expect(tokenize("The customer's laptops were SHIPPING, weren't they?")).toEqual([
      'customer',
      'laptop',
      'ship',
      'werent',
    ]);
    expect(tokenize('I ordered 2 TVs for 1,299.99')).toEqual(['order', 'tv', '299', '99']);
  });

  it('folds common inflections together and leaves other words alone', () => {
    const same = (words: string[]) => new Set(words.map(stem)).size;
    expect(same(['battery', 'batteries'])).toBe(1);
    expect(same(['ship', 'ships', 'shipped', 'shipping'])).toBe(1);
    expect(same(['charge', 'charges', 'charging', 'charged'])).toBe(1);
    expect(same(['box', 'boxes'])).toBe(1);
    expect(same(['tv', 'tvs'])).toBe(1);
    expect(same(['refund', 'refunds', 'refunded'])).toBe(1);
    expect(['status', 'glass', 'analysis', 'speed', 'hdmi4'].map(stem)).toEqual([
      'status',
      'glass',
      'analysis',
      'speed',
      'hdmi4',
    ]);
  });
});

describe('Bm25Index', () => {
  it('prefers rare terms, saturates repetition and normalizes length', () => {
    const index = new Bm25Index([
      ['order', 'status'],
      ['order', 'refund'],
      ['order', 'order', 'order', 'order'],
      ['refund', 'policy', 'long', 'document', 'with', 'many', 'other', 'words'],
    ]);
    const [status, refund, repeated, long] = index.score(
      new Map([
        ['order', 1],
        ['refund', 1],
      ]),
    );
    expect(refund).toBeGreaterThan(repeated!);
    expect(refund).toBeGreaterThan(long!);
    expect(repeated).toBeLessThan(3 * status!);
    expect(index.score(new Map([['unknown', 1]]))).toEqual([0, 0, 0, 0]);
  });

  it('applies query weights and copes with empty input', () => {
    const index = new Bm25Index([['laptop'], ['phone']]);
    const [laptop, phone] = index.score(
      new Map([
        ['laptop', 1],
        ['phone', 0.4],
      ]),
    );
    expect(laptop! / phone!).toBeCloseTo(2.5);
    expect(new Bm25Index([]).score(new Map([['x', 1]]))).toEqual([]);
    expect(new Bm25Index([[], []]).score(new Map([['x', 1]]))).toEqual([0, 0]);
  });
});
