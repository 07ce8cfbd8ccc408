import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isItemNumber, itemAnswersSchema, readItemAnswers } from './item-answers.js';
import { reasonFirst } from './reason-first.js';

const schemaFor = (size?: number) =>
  itemAnswersSchema({
    list: 'checks',
    reason: { key: 'why', rule: reasonFirst(12) },
    verdict: { applied: z.boolean() },
    description: 'every item, in order',
    ...(size === undefined ? {} : { size }),
  });

describe('itemAnswersSchema', () => {
  it('puts the item number first, the reason second and the verdict last', () => {
    const json = z.toJSONSchema(schemaFor(2)) as unknown as {
      properties: { checks: { description: string; items: { properties: object } } };
    };
    const entry = json.properties.checks.items.properties;
    expect(Object.keys(entry)).toEqual(['n', 'why', 'applied']);
    expect(entry).toMatchObject({
      n: { minimum: 1, maximum: 2 },
      why: { description: 'at most 12 words' },
    });
    expect(json.properties.checks.description).toBe('every item, in order');
  });

  it('rejects an item that was not asked when sized, and parses a sound answer', () => {
    const answer = { checks: [{ n: 1, why: 'asked for it', applied: true }] };
    expect(schemaFor(1).parse(answer)).toEqual(answer);
    expect(schemaFor(1).safeParse({ checks: [{ n: 2, why: 'x', applied: true }] }).success).toBe(
      false,
    );
    expect(schemaFor().safeParse({ checks: [{ n: 2, why: 'x', applied: true }] }).success).toBe(
      true,
    );
  });
});

describe('readItemAnswers', () => {
  const entry = (n: number, applied = true) => ({ n, why: `item ${n}`, applied });

  it('gives one result per item, in batch order, whatever the answer order', () => {
    expect(readItemAnswers([entry(2, false), entry(1)], 2)).toEqual([
      { entry: entry(1) },
      { entry: entry(2, false) },
    ]);
  });

  it('never guesses: an item left out or answered twice gets an error', () => {
    expect(readItemAnswers([entry(1), entry(1, false)], 3)).toEqual([
      { error: 'the model answered item 1 twice' },
      { error: 'the model gave no verdict for it' },
      { error: 'the model gave no verdict for it' },
    ]);
  });

  it('says which unasked items the answer named instead', () => {
    const [result] = readItemAnswers([entry(5)], 1, { missing: 'the model gave no answer for it' });
    expect(result).toEqual({
      error:
        'the model gave no answer for it; it answered item 5, which was not asked (items 1 to 1)',
    });
  });
});

describe('isItemNumber', () => {
  it('accepts only integers within the batch', () => {
    expect([1, 3].map((n) => isItemNumber(n, 3))).toEqual([true, true]);
    expect([0, 4, 2.5, Number.NaN].map((n) => isItemNumber(n, 3))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
