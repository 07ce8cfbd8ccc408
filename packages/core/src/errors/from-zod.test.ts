import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from './errors.js';
import { parseOrThrow, toValidationIssues } from './from-zod.js';

const schema = z.object({ name: z.string(), tags: z.array(z.string()) });

describe('parseOrThrow', () => {
  it('returns the parsed value', () => {
    expect(parseOrThrow(schema, { name: 'a', tags: [] }, 'agent')).toEqual({ name: 'a', tags: [] });
  });

  it('throws a ValidationError that lists every issue with its path', () => {
    let thrown: unknown;
    try {
      parseOrThrow(schema, { name: 1, tags: ['ok', 2] }, 'agent');
    } catch (error) {
      thrown = error;
    }
    expect(ValidationError.is(thrown)).toBe(true);
    const error = thrown as ValidationError;
    expect(error.message).toMatch(/^Invalid agent: name: .+; tags\.1: .+$/);
    expect(error.issues.map((issue) => [issue.path, issue.type])).toEqual([
      [['name'], 'invalid_type'],
      [['tags', 1], 'invalid_type'],
    ]);
  });

  it('omits the path for root-level issues', () => {
    const zodMessage = z.string().safeParse(1).error?.issues[0]?.message;
    expect(() => parseOrThrow(z.string(), 1, 'name')).toThrow(`Invalid name: ${zodMessage}`);
  });
});

describe('toValidationIssues', () => {
  it('turns symbol path parts into strings', () => {
    const key = Symbol('secret');
    const [issue] = toValidationIssues([
      { code: 'custom', path: [key, 0], message: 'nope', input: undefined },
    ]);
    expect(issue).toEqual({ path: ['Symbol(secret)', 0], message: 'nope', type: 'custom' });
  });
});
