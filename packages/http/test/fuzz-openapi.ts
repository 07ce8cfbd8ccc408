/**
 * A deterministic fuzz pass over every operation of the app's own `/openapi.json`: bad text
 * (NUL, lone surrogates, invalid UTF-8 percent-encodings) in each path parameter, query parameter
 * and body field (values and object keys, at depth), empty query values, wrong types, and
 * 10,000-deep JSON bodies. Shared by the in-memory run here and the PostgreSQL runs of the server.
 */

// biome-ignore lint/suspicious/noExplicitAny: the document and bodies are walked as plain JSON
type Json = any;

/** Anything with Hono's `app.request`. */
export interface FuzzTarget {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** A request whose answer broke a rule. */
export interface FuzzFinding {
  /** `METHOD path — what was fuzzed`. */
  request: string;
  status: number;
  problem: string;
  body: string;
}

/** What {@link fuzzOpenApi} found. */
export interface FuzzReport {
  requests: number;
  operations: number;
  findings: FuzzFinding[];
}

interface FuzzCase {
  label: string;
  path: string;
  init: RequestInit;
  /** When set: the answer must be a 422 with a detail whose `loc` starts with this. */
  loc?: (string | number)[];
}

/** Text of the database, the driver or the runtime that must never reach a client. */
const LEAKS =
  /invalid byte sequence|syntax error|TypeError|ReferenceError|RangeError|SyntaxError|postgres|pglite|sqlstate|violates|duplicate key|relation "|column "|stack depth|call stack|node_modules|at [\w.<>]+ \(|\.[cm]?[jt]s:\d+:\d+/i;

/** Raw (already percent-encoded) values that are not valid text: each must be a 422. */
const BAD_URL_VALUES: readonly [string, string][] = [
  ['NUL', 'x%00'],
  ['encoded lone surrogate', '%ED%A0%80'],
  ['invalid UTF-8', '%FF'],
  ['overlong NUL', '%C0%80'],
];

/**
 * Field values holding text that is not valid for any database, with where under the field the
 * 422 must point: each must be refused.
 */
const BAD_FIELD_VALUES: readonly [string, unknown, (string | number)[]][] = [
  ['NUL', 'x\u0000y', []],
  ['lone high surrogate', 'a\ud800', []],
  ['lone low surrogate', '\udc00b', []],
  ['NUL in an object key', { 'k\u0000': 'v' }, ['k\u0000']],
  ['lone surrogate in an object key', { '\udbffk': 'v' }, ['\udbffk']],
  ['NUL at depth', [{ a: ['x\u0000'] }], [0, 'a', 0]],
];

const DEPTH = 10_000;

function deepArrayText(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function deepObjectText(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function jsonInit(method: string, body: string | Uint8Array<ArrayBuffer>): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body };
}

/** A plausible value for a required field, so that the fuzzed field is what gets rejected. */
function plausible(schema: Json): unknown {
  const types = [schema?.type, ...(schema?.anyOf ?? []).map((s: Json) => s.type)].flat();
  if (types.includes('string')) return schema?.enum?.[0] ?? 'x';
  if (types.includes('array')) return [];
  if (types.includes('object')) return {};
  if (types.includes('boolean')) return true;
  if (types.includes('integer') || types.includes('number')) return 1;
  return 'x';
}

/** A value of a JSON type the field's schema does not take. */
function wrongType(schema: Json): unknown {
  const types = [schema?.type, ...(schema?.anyOf ?? []).map((s: Json) => s.type)].flat();
  if (!types.includes('integer') && !types.includes('number')) return 12_345;
  if (!types.includes('object')) return { not: 'this' };
  return 'not-this';
}

function queryWrongType(schema: Json): string | undefined {
  if (schema?.type === 'integer' || schema?.type === 'number') return '1.5x';
  if (schema?.type === 'boolean') return 'maybe';
  if (Array.isArray(schema?.enum)) return 'no-such-value';
  return undefined;
}

/** The cases of one operation. */
function casesOf(
  method: string,
  template: string,
  operation: Json,
  ids: Record<string, string>,
): FuzzCase[] {
  const upper = method.toUpperCase();
  const parameters: Json[] = operation.parameters ?? [];
  const pathNames = parameters.filter((p) => p.in === 'path').map((p) => p.name as string);
  const queryParams = parameters.filter((p) => p.in === 'query');
  const pathWith = (bad?: { name: string; raw: string }) =>
    template.replace(/\{([^}]+)\}/g, (_, name: string) =>
      bad?.name === name ? bad.raw : encodeURIComponent(ids[name] ?? 'nope'),
    );
  // A long-poll must not wait in a fuzz pass.
  const baseQuery = queryParams.some((p) => p.name === 'wait_for_data') ? 'wait_for_data=0' : '';
  const withQuery = (path: string, extra?: string) => {
    const parts = [extra, baseQuery].filter((part) => part !== undefined && part !== '');
    return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
  };
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const base: Record<string, unknown> = {};
  for (const name of schema?.required ?? []) base[name] = plausible(schema.properties?.[name]);
  const plainInit: RequestInit =
    schema === undefined ? { method: upper } : jsonInit(upper, JSON.stringify(base));

  const cases: FuzzCase[] = [];
  for (const name of pathNames) {
    for (const [what, raw] of BAD_URL_VALUES) {
      cases.push({
        label: `${what} in path ${name}`,
        path: withQuery(pathWith({ name, raw })),
        init: plainInit,
        loc: ['path', name],
      });
    }
  }
  for (const parameter of queryParams) {
    const name = parameter.name as string;
    const values: [string, string][] = [['empty', ''], ...BAD_URL_VALUES];
    const wrong = queryWrongType(parameter.schema);
    if (wrong !== undefined) values.push(['wrong type', wrong]);
    for (const [what, raw] of values) {
      const extra = `${name}=${raw}`;
      const path = pathWith();
      cases.push({
        label: `${what} in query ${name}`,
        path: name === 'wait_for_data' ? `${path}?${extra}` : withQuery(path, extra),
        init: plainInit,
        loc: ['query', name],
      });
    }
  }
  if (schema === undefined) return cases;

  const path = withQuery(pathWith());
  const body = (
    value: string | Uint8Array<ArrayBuffer>,
    label: string,
    loc?: (string | number)[],
  ) => cases.push({ label, path, init: jsonInit(upper, value), ...(loc ? { loc } : {}) });
  body(deepArrayText(DEPTH), `${DEPTH}-deep array body`, ['body']);
  body(deepObjectText(DEPTH), `${DEPTH}-deep object body`, ['body']);
  // Bytes that are not UTF-8 (a surrogate encoded as if it were a character).
  const invalid = new Uint8Array([
    ...new TextEncoder().encode('{"x":"a'),
    0xed,
    0xa0,
    0x80,
    0x22,
    0x7d,
  ]);
  body(invalid, 'invalid UTF-8 bytes in the body', ['body']);
  for (const [field, fieldSchema] of Object.entries<Json>(schema.properties ?? {})) {
    const send = (value: unknown, label: string, loc?: (string | number)[]) =>
      body(JSON.stringify({ ...base, [field]: value }), `${label} (${field})`, loc);
    for (const [what, value, below] of BAD_FIELD_VALUES) {
      send(value, what, ['body', field, ...below]);
    }
    // Spliced in as text: `JSON.stringify` itself overflows the stack on such a value.
    const placeholder = JSON.stringify({ ...base, [field]: '\u0001deep' });
    const deep = placeholder.replace('"\\u0001deep"', deepArrayText(DEPTH));
    body(deep, `${DEPTH}-deep value (${field})`, ['body', field]);
    send(wrongType(fieldSchema), 'wrong type');
    send(null, 'null');
  }
  return cases;
}

function locStarts(detail: Json, loc: (string | number)[]): boolean {
  if (!Array.isArray(detail)) return false;
  return detail.some(
    (entry: Json) =>
      Array.isArray(entry?.loc) && loc.every((part, index) => entry.loc[index] === part),
  );
}

/**
 * Sends every case of every documented operation and reports each answer that is a 5xx, leaks
 * database or runtime text, or (for input that is never valid) is not a 422 naming the field.
 * `ids` maps path parameter names (`session_id`) to existing ids so the fuzzed part is what
 * gets rejected rather than an unknown id.
 */
export async function fuzzOpenApi(
  app: FuzzTarget,
  ids: Record<string, string>,
): Promise<FuzzReport> {
  const document: Json = await (await app.request('/openapi.json')).json();
  const findings: FuzzFinding[] = [];
  let requests = 0;
  let operations = 0;
  for (const [template, item] of Object.entries<Json>(document.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      operations += 1;
      for (const fuzz of casesOf(method, template, operation, ids)) {
        const response = await app.request(fuzz.path, fuzz.init);
        const text = await response.text();
        requests += 1;
        const request = `${method.toUpperCase()} ${template} — ${fuzz.label}`;
        const report = (problem: string) =>
          findings.push({ request, status: response.status, problem, body: text.slice(0, 300) });
        if (response.status >= 500 && response.status !== 501) report('server error');
        if (LEAKS.test(text)) report('database or runtime text in the answer');
        if (fuzz.loc === undefined) continue;
        if (response.status !== 422) {
          report(`expected 422 naming ${JSON.stringify(fuzz.loc)}`);
          continue;
        }
        let detail: Json;
        try {
          detail = JSON.parse(text).detail;
        } catch {
          detail = undefined;
        }
        if (!locStarts(detail, fuzz.loc)) report(`422 does not name ${JSON.stringify(fuzz.loc)}`);
      }
    }
  }
  return { requests, operations, findings };
}

/**
 * Creates one of everything through the API and returns the ids by path parameter name, for
 * {@link fuzzOpenApi}.
 */
export async function createFuzzFixtures(app: FuzzTarget): Promise<Record<string, string>> {
  const post = async (path: string, body: unknown): Promise<Json> => {
    const response = await app.request(path, jsonInit('POST', JSON.stringify(body)));
    const answer = await response.json();
    if (response.status !== 201) {
      throw new Error(`fixture ${path}: ${response.status} ${JSON.stringify(answer)}`);
    }
    return answer;
  };
  const agent = await post('/agents', { name: 'Ava' });
  const customer = await post('/customers', { name: 'Al' });
  const session = await post('/sessions', { agent_id: agent.id, customer_id: customer.id });
  const event = await post(`/sessions/${session.id}/events?moderation=none`, {
    kind: 'custom',
    source: 'customer_ui',
    data: { a: 1 },
  });
  const tag = await post('/tags', { name: 'vip' });
  const term = await post('/terms', { name: 'SKU', description: 'A code' });
  const guideline = await post('/guidelines', { condition: 'the customer asks' });
  const journey = await post('/journeys', {
    title: 'Return',
    description: 'd',
    conditions: ['the customer wants a return'],
  });
  const relationship = await post('/relationships', {
    source_guideline: guideline.id,
    target_tag: tag.id,
    kind: 'entailment',
  });
  const variable = await post('/context-variables', { name: 'plan' });
  const canned = await post('/canned_responses', { value: 'Hi', fields: [] });
  const capability = await post('/capabilities', {
    title: 'Refunds',
    description: 'd',
    signals: [],
  });
  return {
    agent_id: agent.id,
    customer_id: customer.id,
    session_id: session.id,
    event_id: event.id,
    trace_id: event.trace_id,
    tag_id: tag.id,
    term_id: term.id,
    guideline_id: guideline.id,
    journey_id: journey.id,
    relationship_id: relationship.id,
    variable_id: variable.id,
    key: 'DEFAULT',
    canned_response_id: canned.id,
    capability_id: capability.id,
    name: 'builtin',
    evaluation_id: 'e1',
  };
}
