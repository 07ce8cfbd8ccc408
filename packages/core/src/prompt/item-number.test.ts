import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { itemNumberSchema } from './item-number.js';

const messageOf = (schema: z.ZodType, input: unknown) =>
  schema.safeParse(input).error?.issues[0]?.message;

describe('itemNumberSchema', () => {
  it('accepts the numbers of the items shown, and nothing else', () => {
    const schema = itemNumberSchema(3);
    expect([1, 2, 3].map((n) => schema.safeParse(n).success)).toEqual([true, true, true]);
    expect([0, 4, -1, 1.5].map((n) => schema.safeParse(n).success)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('says the range when it rejects, so a repair attempt can fix the answer', () => {
    expect(messageOf(itemNumberSchema(3), 7)).toBe(
      'item 7 was not asked: the items are numbered 1 to 3',
    );
    expect(messageOf(itemNumberSchema(3), 0)).toBe(
      'item 0 was not asked: the items are numbered 1 to 3',
    );
  });

  it('can allow 0 for "none" and name the things numbered', () => {
    const choice = itemNumberSchema(2, { noun: 'template', verb: 'shown', zeroForNone: true });
    expect(choice.safeParse(0).success).toBe(true);
    expect(messageOf(choice, 3)).toBe(
      'template 3 was not shown: the templates are numbered 1 to 2 (0 = none)',
    );
  });

  it('shows its bounds and description in the JSON schema', () => {
    expect(z.toJSONSchema(itemNumberSchema(4))).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 4,
      description: 'item number',
    });
    expect(z.toJSONSchema(itemNumberSchema(4, { description: null }))).not.toHaveProperty(
      'description',
    );
  });

  it('is any integer without a size', () => {
    const schema = itemNumberSchema(undefined);
    expect(schema.safeParse(99).success).toBe(true);
    expect(schema.safeParse(1.5).success).toBe(false);
    expect(schema.safeParse(1_000_000).success).toBe(true);
  });
});
