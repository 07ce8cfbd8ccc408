import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError, type ValidationDetail } from './errors.js';

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

/**
 * Parses the JSON body with `schema`; 422 with a detail list, in the reference's shapes, when
 * the body is empty (`missing`), not sent as JSON (`model_attributes_type`), not JSON
 * (`json_invalid`) or invalid for the schema.
 */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
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
        msg: `JSON decode error: ${(error as Error).message}`,
      },
    ]);
  }
  const result = schema.safeParse(input);
  if (!result.success) throw new HttpError(422, details('body', result.error, input));
  return result.data;
}

/**
 * The JSON body as sent, without validating it (`undefined` when it is not JSON): for routes
 * whose operation depends on the body, so they can authorize before validating it.
 */
export async function peekBody(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text());
  } catch {
    return undefined;
  }
}

/** One field of a peeked body (see {@link peekBody}); `undefined` unless the body is an object. */
export function peekedField(body: unknown, field: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return (body as Record<string, unknown>)[field];
}

/** Parses the query string (repeated keys become arrays) with `schema`; 422 when invalid. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const raw: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    raw[key] = values.length === 1 ? (values[0] as string) : values;
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new HttpError(422, details('query', result.error, raw));
  return result.data;
}
