import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { HttpError, type ValidationDetail } from './errors.js';
import { decodeComponent, encodingIssue, textIssue, textProblem } from './input-text.js';
import { snakeCase } from './openapi/parameters.js';

/** The issue with one raw (still percent-encoded) URL component, if any. */
function componentIssue(
  loc: ValidationDetail['loc'],
  raw: string,
  plusIsSpace: boolean,
): ValidationDetail | undefined {
  const decoded = decodeComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw);
  if (decoded === undefined) return encodingIssue(loc, raw);
  const problem = textProblem(decoded);
  return problem ? textIssue(loc, problem, decoded) : undefined;
}

/** The request URL's path and query as sent (the router decodes leniently; this reads raw). */
function rawUrl(url: string): { path: string; query: string } {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  const hash = url.indexOf('#', start);
  const end = hash === -1 ? url.length : hash;
  const question = url.indexOf('?', start);
  return question === -1 || question > end
    ? { path: url.slice(start, end), query: '' }
    : { path: url.slice(start, question), query: url.slice(question + 1, end) };
}

/**
 * Path parameters of the matched route, by segment index, under their documented (snake_case)
 * names. A bad segment that is no route's parameter cannot match a route and is left to the
 * 404/405 answers.
 */
function parameterNames(c: Context, segments: number): Map<number, string> {
  const names = new Map<number, string>();
  for (const route of matchedRoutes(c)) {
    const parts = route.path.split('/');
    if (parts.length !== segments) continue;
    parts.forEach((part, index) => {
      const name = /^:([A-Za-z0-9_]+)/.exec(part)?.[1];
      if (name !== undefined && !names.has(index)) names.set(index, snakeCase(name));
    });
  }
  return names;
}

function pathIssues(c: Context, path: string): ValidationDetail[] {
  const segments = path.split('/');
  const bad = segments
    .map((raw, index) => ({ raw, index }))
    .filter(({ raw }) => componentIssue([], raw, false) !== undefined);
  if (bad.length === 0) return [];
  const names = parameterNames(c, segments.length);
  return bad.flatMap(({ raw, index }) => {
    const name = names.get(index);
    const issue = name === undefined ? undefined : componentIssue(['path', name], raw, false);
    return issue ? [issue] : [];
  });
}

function queryIssues(query: string): ValidationDetail[] {
  if (query === '') return [];
  return query.split('&').flatMap((pair) => {
    const equals = pair.indexOf('=');
    const rawKey = equals === -1 ? pair : pair.slice(0, equals);
    const keyIssue = componentIssue(['query', rawKey], rawKey, true);
    if (keyIssue) return [keyIssue];
    const key = decodeComponent(rawKey.replace(/\+/g, ' ')) as string;
    const valueIssue =
      equals === -1 ? undefined : componentIssue(['query', key], pair.slice(equals + 1), true);
    return valueIssue ? [valueIssue] : [];
  });
}

/**
 * Refuses, with a 422 naming the parameter, any path parameter or query key or value that is not
 * storable text: NUL, or a percent-encoding that is not UTF-8 (`%ED%A0%80`, `%FF`, `%C0%80`).
 * Read from the raw URL, before a lenient decoder can turn two different ids into one U+FFFD.
 */
export const urlTextGuard: MiddlewareHandler = async (c, next) => {
  const { path, query } = rawUrl(c.req.url);
  const issues = [...pathIssues(c, path), ...queryIssues(query)];
  if (issues.length > 0) throw new HttpError(422, issues);
  await next();
};
