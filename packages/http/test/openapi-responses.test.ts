import { describe, expect, it } from 'vitest';
import { call, send, setup, type TestApp } from './sessions-harness.js';

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
type Json = any;

/**
 * Keys of `value` the schema does not declare (`[]` when it matches), following `$ref`s,
 * arrays, `anyOf`/`oneOf` (the best branch) and `allOf`. Only undeclared keys are reported:
 * types and required keys are checked by the zod parse of the other OpenAPI test.
 */
function undeclared(document: Json, schema: Json, value: unknown, at: string): string[] {
  if (schema === undefined || schema === true) return [];
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    return undeclared(document, document.components.schemas[name], value, at);
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const results = branches.map((branch: Json) => undeclared(document, branch, value, at));
    return results.reduce((best: string[], next: string[]) =>
      next.length < best.length ? next : best,
    );
  }
  if (schema.allOf)
    return schema.allOf.flatMap((part: Json) => undeclared(document, part, value, at));
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      undeclared(document, schema.items, item, `${at}[${index}]`),
    );
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, entry]) => {
    const declared = schema.properties?.[key];
    if (declared !== undefined) return undeclared(document, declared, entry, `${at}.${key}`);
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
      return undeclared(document, schema.additionalProperties, entry, `${at}.${key}`);
    }
    return schema.properties === undefined && schema.type !== 'object' ? [] : [`${at}.${key}`];
  });
}

/** Sends a request and checks the answer against the document's response for its status. */
async function checked(
  app: TestApp,
  document: Json,
  method: string,
  path: string,
  docPath: string,
  body?: unknown,
) {
  const answer = await call(app, path, body === undefined ? { method } : send(method, body));
  const response = document.paths[docPath]?.[method.toLowerCase()]?.responses?.[answer.status];
  expect(response, `${method} ${docPath} documents ${answer.status}`).toBeDefined();
  const schema = response.content?.['application/json']?.schema;
  expect(schema, `${method} ${docPath} ${answer.status} has a JSON schema`).toBeDefined();
  expect(undeclared(document, schema, answer.body, 'body'), `${method} ${path}`).toEqual([]);
  return answer;
}

describe('the OpenAPI document declares every key real answers carry', () => {
  it('on lists, journey graphs, PATCH answers and errors', async () => {
    const { app } = setup();
    const document = (await call(app, '/openapi.json')).body;
    const check = (method: string, path: string, docPath: string, body?: unknown) =>
      checked(app, document, method, path, docPath, body);
    const agent = (await check('POST', '/agents', '/agents', { name: 'Ava' })).body;
    // The walk does catch a key the document lacks.
    const agentSchema =
      document.paths['/agents'].post.responses['201'].content['application/json'].schema;
    expect(undeclared(document, agentSchema, { ...agent, surprise: 1 }, 'body')).toEqual([
      'body.surprise',
    ]);
    await check('GET', '/agents', '/agents');
    await check('PATCH', `/agents/${agent.id}`, '/agents/{agent_id}', { name: 'Bo' });
    await check('GET', '/customers', '/customers');
    await check('GET', '/customers?limit=1', '/customers');
    const session = (await check('POST', '/sessions', '/sessions', { agent_id: agent.id })).body;
    await check('GET', '/sessions?limit=1', '/sessions');
    await check('PATCH', `/sessions/${session.id}`, '/sessions/{session_id}', { title: 't' });
    await check('GET', '/tags', '/tags');
    await check('GET', '/guidelines', '/guidelines');
    const journey = (
      await check('POST', '/journeys', '/journeys', {
        title: 'Return',
        description: 'Return an item',
        conditions: ['the customer wants to return an item'],
        states: [
          { id: 'ask', type: 'chat', instruction: 'Ask which item' },
          { id: 'check', type: 'fork' },
          { id: 'done', type: 'end' },
        ],
        transitions: [
          { from: 'ask', to: 'check' },
          { from: 'check', to: 'done', condition: 'the item is eligible' },
        ],
      })
    ).body;
    expect(journey.transitions).toHaveLength(2);
    await check('GET', '/journeys', '/journeys');
    await check('PATCH', `/journeys/${journey.id}`, '/journeys/{journey_id}', { title: 'Returns' });
    // Errors: a string detail, the pydantic list, the rule-violation sentence.
    await check('GET', '/agents/nope', '/agents/{agent_id}');
    const invalid = await check('POST', '/agents', '/agents', {});
    expect(invalid.status).toBe(422);
    const badGraph = await check('POST', '/journeys', '/journeys', {
      title: 'Bad',
      description: '',
      conditions: ['c'],
      states: [{ id: 'a', type: 'chat', instruction: 'x' }],
      transitions: [{ from: 'a', to: 'missing' }],
    });
    expect(badGraph.status).toBe(422);
    const mermaid = await app.request(`/journeys/${journey.id}/mermaid`);
    expect(mermaid.headers.get('content-type')).toContain('text/plain');
    expect(
      document.paths['/journeys/{journey_id}/mermaid'].get.responses['200'].content['text/plain'],
    ).toBeDefined();
  });
});
