import { errorMessage } from '@conduct/core';
import type { Context } from 'hono';
import { z } from 'zod';
import { HttpError, type ValidationDetail } from './errors.js';
import { decodeUtf8, jsonTextIssues } from './input-text.js';

/**
 * The part of the request an issue is about, as pydantic reports it: the value at the issue's
 * path, or for a missing field the object it is missing from. Never the whole input per issue:
 * a body with thousands of bad entries would otherwise answer thousands of copies of itself.
 */
function inputAt(input: unknown, path: readonly PropertyKey[], missing: boolean): unknown {
  let value = input;
  for (const part of missing ? path.slice(0, -1) : path) {
    if (value === null || typeof value !== 'object' || typeof part === 'symbol') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function details(
  where: 'body' | 'query' | 'path',
  error: z.ZodError,
  input: unknown,
): ValidationDetail[] {
  return error.issues.map((issue) => {
    const missing = issue.code === 'invalid_type' && issue.message.includes('received undefined');
    return {
      type: missing ? 'missing' : issue.code,
      loc: [where, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
      msg: missing ? 'Field required' : issue.message,
      input: inputAt(input, issue.path, missing),
    };
  });
}

/**
 * Whether a body with this `Content-Type` is read as JSON: none at all, `application/json` or
 * `application/*+json`, as the reference (FastAPI) decides. Any other type is refused rather than
 * guessed at, which also keeps cross-site `text/plain` form posts from passing as JSON.
 */
function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined || header.trim() === '') return true;
  const type = (header.split(';')[0] as string).trim().toLowerCase();
  return type === 'application/json' || /^application\/[^/]*\+json$/.test(type);
}

/** The body as UTF-8 text; 422 when it is not UTF-8 (rather than U+FFFD in place of the bytes). */
async function bodyText(c: Context): Promise<string> {
  const text = decodeUtf8(new Uint8Array(await c.req.arrayBuffer()));
  if (text !== undefined) return text;
  throw new HttpError(422, [
    { type: 'json_invalid', loc: ['body'], msg: 'JSON decode error: the body is not valid UTF-8' },
  ]);
}

/**
 * Parses the JSON body with `schema`; 422 with a detail list, in the reference's shapes, when
 * the body is empty (`missing`), not sent as JSON (`model_attributes_type`), not JSON
 * (`json_invalid`), holds text no store can keep (NUL, lone surrogates, in values or keys), nests
 * deeper than `MAX_JSON_DEPTH`, or is invalid for the schema.
 */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await bodyText(c);
  if (text === '') {
    throw new HttpError(422, [
      { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
    ]);
  }
  const contentType = c.req.header('content-type');
  if (!isJsonContentType(contentType)) {
    throw new HttpError(422, [
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: `Input should be a valid dictionary or object to extract fields from: the body was sent as '${contentType}'; send JSON with 'Content-Type: application/json'`,
        input: text,
      },
    ]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new HttpError(422, [
      {
        type: 'json_invalid',
        loc: ['body'],
        msg: `JSON decode error: ${errorMessage(error)}`,
      },
    ]);
  }
  // Before the schema: it and everything after it (stores, JSON.stringify) read recursively.
  const textIssues = jsonTextIssues(input, ['body']);
  if (textIssues.length > 0) throw new HttpError(422, textIssues);
  const result = schema.safeParse(input);
  if (!result.success) throw new HttpError(422, details('body', result.error, input));
  return result.data;
}

/**
 * The JSON body as sent, without validating it (`undefined` when it is not JSON): for routes
 * whose operation depends on the body, so they can authorize before validating it.
 */
export async function peekBody(c: Context): Promise<unknown> {
  // Read as bytes: Hono caches the first reading, and a text reading would already have turned
  // invalid UTF-8 into U+FFFD before `parseBody` checks the bytes.
  const text = decodeUtf8(new Uint8Array(await c.req.arrayBuffer()));
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One field of a peeked body (see {@link peekBody}); `undefined` unless the body is an object. */
export function peekedField(body: unknown, field: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return (body as Record<string, unknown>)[field];
}

/**
 * 422 for each parameter of the schema given with an empty value (`?tag_id=`): an empty filter
 * is a mistake, and read as "no filter" it would widen a delete to everything.
 */
function emptyValueIssues(schema: z.ZodType, raw: Record<string, string | string[]>) {
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape) : Object.keys(raw);
  return known.flatMap((key): ValidationDetail[] => {
    const value = raw[key];
    if (value === undefined || !(Array.isArray(value) ? value.includes('') : value === '')) {
      return [];
    }
    return [
      {
        type: 'string_too_short',
        loc: ['query', key],
        msg: 'String should have at least 1 character',
        input: '',
      },
    ];
  });
}

/**
 * Parses the query string (repeated keys become arrays) with `schema`; 422 when invalid or when
 * one of its parameters is given empty. (Text that is not Unicode is refused before routing.)
 */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const raw: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    raw[key] = values.length === 1 ? (values[0] as string) : values;
  }
  const empty = emptyValueIssues(schema, raw);
  if (empty.length > 0) throw new HttpError(422, empty);
  const result = schema.safeParse(raw);
  if (!result.success) throw new HttpError(422, details('query', result.error, raw));
  return result.data;
}
