import { describe, expect, it } from 'vitest';
import { generateId, generateTraceId, ID_LENGTH, idSchema, traceIdSchema } from './ids.js';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('generateId', () => {
  it('is 10 characters of [0-9a-zA-Z]', () => {
    expect(ID_LENGTH).toBe(10);
    for (let i = 0; i < 1000; i++) expect(generateId()).toMatch(/^[0-9a-zA-Z]{10}$/);
  });

  it('is unique', () => {
    const ids = new Set(Array.from({ length: 10_000 }, generateId));
    expect(ids.size).toBe(10_000);
  });

  it('uses every character about equally often', () => {
    const counts = new Map<string, number>();
    const samples = 10_000;
    for (let i = 0; i < samples; i++) {
      for (const char of generateId()) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([...ALPHABET].sort());

    // Chi-squared over 62 characters (61 degrees of freedom, mean 61, sd ≈ 11): a fair
    // generator exceeds 150 with probability < 1e-8, while a `byte % 62` bias (the first 8
    // characters ~25% more likely) scores in the thousands.
    const expected = (samples * ID_LENGTH) / ALPHABET.length;
    let chiSquared = 0;
    for (const count of counts.values()) chiSquared += (count - expected) ** 2 / expected;
    expect(chiSquared).toBeLessThan(150);
  });

  it('produces ids that idSchema accepts', () => {
    expect(idSchema.safeParse(generateId()).success).toBe(true);
  });
});

describe('generateTraceId', () => {
  it('is 32 lowercase hex characters, unique, and accepted by traceIdSchema', () => {
    const ids = Array.from({ length: 1000 }, generateTraceId);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(traceIdSchema.safeParse(id).success).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('traceIdSchema', () => {
  it.each(['', 'ABCDEF0123456789abcdef0123456789', 'abc', `${'a'.repeat(32)}0`])(
    'rejects %j',
    (value) => {
      expect(traceIdSchema.safeParse(value).success).toBe(false);
    },
  );
});

describe('idSchema', () => {
  it.each(['guest', 'support-agent', 'a', 'Ab3dE6gH9k', 'customer_42', 'ünïcode', 'a b', '...x'])(
    'accepts the custom id %j',
    (id) => {
      expect(idSchema.parse(id)).toBe(id);
    },
  );

  it.each([
    ['empty', ''],
    ['a slash', 'a/b'],
    ['only a slash', '/'],
    ['leading whitespace', ' guest'],
    ['trailing whitespace', 'guest\n'],
    ['only whitespace', ' '],
    ['a dot segment', '.'],
    ['a double-dot segment', '..'],
    ['too long', 'x'.repeat(201)],
  ])('rejects %s', (_, id) => {
    expect(idSchema.safeParse(id).success).toBe(false);
  });

  it('accepts the maximum length', () => {
    expect(idSchema.safeParse('x'.repeat(200)).success).toBe(true);
  });

  it('rejects non-strings', () => {
    expect(idSchema.safeParse(42).success).toBe(false);
    expect(idSchema.safeParse(null).success).toBe(false);
  });
});
