import { describe, expect, it } from 'vitest';
import { nowIso, timestampSchema } from './time.js';

describe('timestampSchema', () => {
  it('accepts Date#toISOString output', () => {
    expect(timestampSchema.safeParse(new Date().toISOString()).success).toBe(true);
    expect(timestampSchema.safeParse(new Date(0).toISOString()).success).toBe(true);
  });

  it('accepts nowIso()', () => {
    expect(timestampSchema.parse(nowIso())).toMatch(/Z$/);
  });

  it.each([
    ['a date without time', '2026-04-14'],
    ['an offset instead of Z', '2026-04-14T14:08:57.528+02:00'],
    ['no zone at all', '2026-04-14T14:08:57.528'],
    ['garbage', 'yesterday'],
    ['an empty string', ''],
  ])('rejects %s', (_, value) => {
    expect(timestampSchema.safeParse(value).success).toBe(false);
  });
});

describe('nowIso', () => {
  it('is the current time', () => {
    const before = Date.now();
    const parsed = Date.parse(nowIso());
    expect(parsed).toBeGreaterThanOrEqual(before);
    expect(parsed).toBeLessThanOrEqual(Date.now());
  });
});
