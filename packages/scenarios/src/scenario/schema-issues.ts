import type { z } from 'zod';

/** A schema problem in plain words, with the path it is about. */
export interface PlainIssue {
  path: PropertyKey[];
  message: string;
}

const KNOWN_FIELDS: Record<string, readonly string[]> = {
  '': [
    'name',
    'agent',
    'customer',
    'description',
    'tags',
    'turns',
    'simulate',
    'success',
    'judge',
    'repeat',
    'policy',
  ],
  turn: ['customer', 'expect'],
  expect: ['status', 'guidelines', 'journey', 'tools', 'reply', 'session'],
  guidelines: ['matched', 'notMatched'],
  journey: ['name', 'state', 'via', 'active'],
  tools: ['called', 'notCalled'],
  call: ['tool', 'arguments', 'exact'],
  reply: ['contains', 'notContains', 'matches', 'template', 'strict', 'judge'],
  session: ['handedOff', 'transferredTo', 'variables'],
  simulate: ['persona', 'goal', 'knows', 'doesNotKnow', 'opening', 'maxTurns', 'expectGoal'],
};

/**
 * Zod's issues rewritten for the people who own the policy: an unknown field is named with the
 * field it was probably meant to be, a missing one is called missing, a union says what it
 * accepts.
 */
export function plainIssues(error: z.ZodError): PlainIssue[] {
  return error.issues.flatMap((issue): PlainIssue[] => {
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          path: [...issue.path, key],
          message: unknownField(key, issue.path),
        }));
      case 'invalid_type':
        return [
          {
            path: issue.path,
            message:
              issue.input === undefined
                ? `missing (a ${issue.expected} is required)`
                : `expected ${article(issue.expected)}, got ${describeValue(issue.input)}`,
          },
        ];
      case 'invalid_union':
        return [{ path: issue.path, message: unionMessage(issue.path) }];
      case 'invalid_value':
        return [
          {
            path: issue.path,
            message: `must be one of ${issue.values.map((value) => `'${String(value)}'`).join(', ')}`,
          },
        ];
      case 'too_small':
        return [
          {
            path: issue.path,
            message:
              issue.origin === 'string'
                ? 'must not be empty'
                : issue.origin === 'array'
                  ? `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}`
                  : `must be at least ${String(issue.minimum)}`,
          },
        ];
      case 'too_big':
        return [{ path: issue.path, message: `must be at most ${String(issue.maximum)}` }];
      default:
        return [{ path: issue.path, message: issue.message }];
    }
  });
}

function unknownField(key: string, path: readonly PropertyKey[]): string {
  const known = KNOWN_FIELDS[contextOf(path)] ?? [];
  const guess = closest(key, known);
  const hint = guess === undefined ? '' : ` — did you mean '${guess}'?`;
  return `unknown field '${key}'${hint} (expected one of: ${known.join(', ')})`;
}

/** Which object a path points into, as a key of {@link KNOWN_FIELDS}. */
function contextOf(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  const beforeLast = path.at(-2);
  if (path.length === 0) return '';
  if (typeof last === 'number' && beforeLast === 'turns') return 'turn';
  if (typeof last === 'number' && beforeLast === 'called') return 'call';
  if (last === 'expect' || last === 'success') return 'expect';
  return typeof last === 'string' ? last : '';
}

function unionMessage(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (typeof path.at(-1) === 'number' && path.at(-2) === 'called') {
    return "expected a tool name, or { tool, arguments, exact } (e.g. { tool: 'start_return', arguments: { order_id: 'VM-10421' } })";
  }
  if (last === 'template') return 'expected true, false or the id of a canned response';
  return 'expected a text or a list of texts';
}

function article(expected: string): string {
  if (expected === 'object') return 'a mapping of fields';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text '${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  return `${typeof value} ${String(value)}`;
}

/** The known field nearest to `key`: a few edits away for its length, or a case-only difference. */
function closest(key: string, known: readonly string[]): string | undefined {
  const allowed = Math.min(3, Math.max(1, Math.floor(key.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= allowed && (best === undefined || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
