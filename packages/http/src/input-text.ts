import type { ValidationDetail } from './errors.js';

/**
 * How deeply a JSON body may nest (the body itself is level 1). Far beyond any real request,
 * and far below what would overflow a recursive reader (a schema check, `JSON.stringify`, a
 * database's JSON parser) on the way to the store.
 */
export const MAX_JSON_DEPTH = 64;

/** A UTF-16 surrogate without its partner: not Unicode text, and no database stores it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Location = ValidationDetail['loc'];

/**
 * Why `text` cannot be stored as text, or `undefined` when it can: NUL (PostgreSQL refuses it)
 * or a lone surrogate (which UTF-8 encoders silently turn into U+FFFD, so two different ids
 * would become one).
 */
export function textProblem(text: string): 'nul' | 'surrogate' | undefined {
  if (text.includes('\u0000')) return 'nul';
  return LONE_SURROGATE.test(text) ? 'surrogate' : undefined;
}

/** The 422 detail for text that {@link textProblem} refused. */
export function textIssue(
  loc: Location,
  problem: 'nul' | 'surrogate',
  input?: string,
): ValidationDetail {
  const detail: ValidationDetail =
    problem === 'nul'
      ? { type: 'string_nul', loc, msg: 'Text must not contain the NUL character (\\u0000)' }
      : {
          type: 'string_unicode',
          loc,
          msg: 'Input should be a valid string: it contains a lone UTF-16 surrogate (\\ud800-\\udfff), which is not Unicode text',
        };
  return input === undefined ? detail : { ...detail, input };
}

/** The 422 detail for a percent-encoding that is not UTF-8. */
export function encodingIssue(loc: Location, input: string): ValidationDetail {
  return {
    type: 'string_unicode',
    loc,
    msg: 'Input should be a valid string, unable to parse raw data as a unicode string: the percent-encoding is not UTF-8',
    input,
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** UTF-8 bytes as text, or `undefined` when they are not valid UTF-8 (no U+FFFD stand-ins). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Percent-decodes one URL component (`+` left as is), or `undefined` when the bytes are not
 * UTF-8. Lenient decoders turn `%ED%A0%80` or `%FF` into U+FFFD or keep them verbatim, so two
 * different ids could address one entity; here they are refused. A `%` without two hex digits
 * stays literal, as the router reads it.
 */
export function decodeComponent(raw: string): string | undefined {
  if (!raw.includes('%')) return raw;
  const bytes: number[] = [];
  for (let index = 0; index < raw.length; index += 1) {
    const hex = raw[index] === '%' ? raw.slice(index + 1, index + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else {
      // Pairs stay together: a URL's own text is already well-formed.
      const code = raw.codePointAt(index) as number;
      bytes.push(...encoder.encode(String.fromCodePoint(code)));
      if (code > 0xffff) index += 1;
    }
  }
  return decodeUtf8(Uint8Array.from(bytes));
}

/**
 * Every string (values and object keys) of a parsed JSON value that is not storable text, and
 * the first place nested deeper than {@link MAX_JSON_DEPTH}. Walks with an explicit stack, so a
 * 10,000-deep value cannot overflow it. Stops after `limit` issues.
 */
export function jsonTextIssues(value: unknown, root: Location, limit = 50): ValidationDetail[] {
  const issues: ValidationDetail[] = [];
  // A bad object key rides on the stack as its own item, so issues come out in document order.
  type Item = { value: unknown; loc: Location; badKey?: 'nul' | 'surrogate' };
  const stack: Item[] = [{ value, loc: root }];
  const base = root.length;
  while (stack.length > 0 && issues.length < limit) {
    const item = stack.pop() as Item;
    if (item.badKey) {
      issues.push(textIssue(item.loc, item.badKey));
      continue;
    }
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value);
      if (problem) issues.push(textIssue(item.loc, problem, item.value));
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.loc.length - base >= MAX_JSON_DEPTH) {
      issues.push({
        type: 'value_error',
        loc: item.loc,
        msg: `Value error, JSON must not nest deeper than ${MAX_JSON_DEPTH} levels`,
      });
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(item.value)
      ? item.value.map((entry, index) => [index, entry])
      : Object.entries(item.value);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, entry] = entries[index] as [string | number, unknown];
      const loc = [...item.loc, key];
      const badKey = typeof key === 'string' ? textProblem(key) : undefined;
      stack.push(badKey ? { value: undefined, loc, badKey } : { value: entry, loc });
    }
  }
  return issues;
}
