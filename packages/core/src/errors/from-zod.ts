import type { z } from 'zod';
import type { ValidationIssue } from './errors.js';
import { ValidationError } from './errors.js';

/** Maps zod issues to Conduct's {@link ValidationIssue} shape. */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    message: issue.message,
    type: issue.code,
  }));
}

/**
 * Parses `input` with `schema`, or throws a {@link ValidationError} that names `what` and lists
 * every issue (`path: message`).
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toValidationIssues(result.error.issues);
  const summary = issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
  throw new ValidationError(`Invalid ${what}: ${summary}`, issues);
}
