import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError, type ValidationDetail } from './errors.js';

function details(
  where: 'body' | 'query' | 'path',
  error: z.ZodError,
  input: unknown,
): ValidationDetail[] {
  return error.issues.map((issue) => ({
    type:
      issue.code === 'invalid_type' && issue.message.includes('received undefined')
        ? 'missing'
        : issue.code,
    loc: [where, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
    msg:
      issue.code === 'invalid_type' && issue.message.includes('received undefined')
        ? 'Field required'
        : issue.message,
    input,
  }));
}

/** Parses the JSON body with `schema`; 422 with a detail list when it is not JSON or invalid. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let input: unknown;
  try {
    const text = await c.req.text();
    input = text.trim() === '' ? {} : JSON.parse(text);
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
