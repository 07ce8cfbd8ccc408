import { isDeepStrictEqual } from 'node:util';
import type { ToolCallExpectation, ValueMatcher } from '../scenario/types.js';
import { showValue } from './view.js';

/**
 * Whether a call's arguments satisfy the expectation: at least the expected ones (default) or
 * exactly them (`exact`), or the expectation's own test. Scalars compare by their text, so a
 * YAML `order: 10421` matches the argument `"10421"`.
 */
export function argumentsMatch(
  expected: ToolCallExpectation,
  actual: Record<string, unknown>,
): boolean {
  const wanted = expected.arguments;
  if (wanted === undefined) return true;
  if (typeof wanted === 'function') return wanted(actual);
  if (expected.exact) {
    const keys = Object.keys(actual).filter((key) => actual[key] !== undefined);
    if (keys.length !== Object.keys(wanted).length) return false;
  }
  return Object.entries(wanted).every(
    ([key, matcher]) => key in actual && valueMatches(matcher, actual[key]),
  );
}

/** Whether `value` satisfies `matcher` (a value, a `RegExp` for text, or a test). */
export function valueMatches(matcher: ValueMatcher, value: unknown): boolean {
  if (matcher instanceof RegExp) {
    return typeof value === 'string' && new RegExp(matcher.source, matcher.flags).test(value);
  }
  if (typeof matcher === 'function') return Boolean((matcher as (v: unknown) => unknown)(value));
  if (isScalar(matcher) && isScalar(value)) return String(matcher) === String(value);
  return isDeepStrictEqual(matcher, value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** `order_id = "VM-10421", reason = "defective"`, or `(no arguments)`. */
export function showArguments(args: Record<string, unknown>): string {
  const entries = Object.entries(args).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return '(no arguments)';
  return entries.map(([key, value]) => `${key} = ${showValue(value)}`).join(', ');
}

/** How the expected arguments read in a sentence: ` with order_id = "VM-10421"`. */
export function describeExpectedArguments(expected: ToolCallExpectation): string {
  const wanted = expected.arguments;
  if (wanted === undefined) return '';
  if (typeof wanted === 'function') return ' with arguments that pass its test';
  const shown = showArguments(wanted);
  return expected.exact ? ` with exactly ${shown}` : ` with ${shown}`;
}
