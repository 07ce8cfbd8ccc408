import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reasonFirst } from './reason-first.js';

describe('reasonFirst', () => {
  const reason = reasonFirst(12);

  it('asks for the reason before the verdict, with one word limit everywhere', () => {
    expect(reason.everyItem('whether it holds')).toBe(
      'Answer every item, in order: first a reason of at most 12 words, then whether it holds.',
    );
    expect(reason.listedOnly('apply')).toBe(
      'List only the items that apply, by number, each with a reason of at most 12 words; leave the others out.',
    );
    expect(reason.single()).toBe('Give the reason for your decision first, in at most 12 words.');
    expect(z.toJSONSchema(reason.field())).toMatchObject({
      type: 'string',
      description: 'at most 12 words',
    });
  });

  it('keeps the limit of the schema and of the instructions the same', () => {
    const other = reasonFirst(15, { about: 'why the tool is called now or not' });
    expect(other.words).toBe(15);
    expect(other.single()).toContain('at most 15 words');
    expect(other.field().description).toBe('why the tool is called now or not, at most 15 words');
  });
});
