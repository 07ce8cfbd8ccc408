import type { z } from 'zod';
import type { ToolRef } from '../domain/common.js';
import type { ToolInsight } from '../domain/turn-record.js';
import { describeSchema, schemaAt } from './schema-walk.js';

type Issue = z.core.$ZodIssue;

// Formats whose zod message already says what is expected better than "a valid <format>".
const PATTERN_FORMATS = new Set([
  'regex',
  'starts_with',
  'ends_with',
  'includes',
  'lowercase',
  'uppercase',
]);

const FORMAT_LABELS: Record<string, string> = {
  email: 'email address',
  url: 'URL',
  uuid: 'UUID',
  guid: 'GUID',
  datetime: 'date-time (ISO 8601)',
  date: 'date (YYYY-MM-DD)',
  time: 'time (HH:MM[:SS])',
  duration: 'duration (ISO 8601)',
  e164: 'phone number in E.164 format',
};

/**
 * Turns zod issues about proposed arguments into insights a composer can act on: a value the
 * model left out (absent or `null`) is `missing-argument`, anything else `invalid-argument`.
 * Messages start with the parameter path and end with its `.describe()` text when there is one.
 */
export function issuesToInsights(
  tool: ToolRef,
  schema: z.ZodObject,
  input: unknown,
  issues: readonly Issue[],
): ToolInsight[] {
  const insights: ToolInsight[] = [];
  const seen = new Set<string>();
  for (const issue of issues) {
    const parameter = issue.path.length > 0 ? formatPath(issue.path) : null;
    const value = valueAt(input, issue.path);
    const missing = issue.code !== 'unrecognized_keys' && (value === undefined || value === null);
    const description = describeSchema(schemaAt(schema, issue.path));
    const problem = missing ? `missing required ${expectation(issue)}` : invalidText(issue, value);
    const message = `${parameter ?? 'arguments'}: ${problem}${description ? ` (${description})` : ''}`;
    if (seen.has(message)) continue;
    seen.add(message);
    insights.push({
      tool,
      kind: missing ? 'missing-argument' : 'invalid-argument',
      parameter,
      message,
    });
  }
  return insights;
}

/** `['items', 0, 'sku']` → `items[0].sku`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.hasOwn(current, part)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function expectation(issue: Issue): string {
  if (issue.code === 'invalid_type') return typeName(issue.expected);
  if (issue.code === 'invalid_value') return `value (${choices(issue.values)})`;
  return 'value';
}

function invalidText(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${typeName(issue.expected)}, received ${kindOf(value)}`;
    case 'invalid_value':
      return `expected ${choices(issue.values)}, received ${preview(value)}`;
    case 'invalid_format':
      return PATTERN_FORMATS.has(issue.format)
        ? `${lowerFirst(issue.message)}, received ${preview(value)}`
        : `expected a valid ${FORMAT_LABELS[issue.format] ?? issue.format}, received ${preview(value)}`;
    case 'unrecognized_keys':
      return `unexpected ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    default:
      return `${lowerFirst(issue.message)}, received ${preview(value)}`;
  }
}

function choices(values: readonly unknown[]): string {
  const listed = values.map((value) => JSON.stringify(value) ?? String(value)).join(', ');
  return values.length === 1 ? listed : `one of ${listed}`;
}

function typeName(expected: string): string {
  return expected === 'int' ? 'integer' : expected;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

// Enough of the value for the composer to quote it back; long or nested values only by kind.
function preview(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return kindOf(value);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
