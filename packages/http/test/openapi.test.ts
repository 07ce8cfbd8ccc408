import { ParlantClient } from 'parlant-client';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiKeyAuthPolicy, publicAuthPolicy } from '../src/index.js';
import { joinRoutePath, openApiPath } from '../src/openapi/parameters.js';
import { documentedRoutes } from '../src/routes/all-routes.js';
import { appWith, request } from './auth-harness.js';
import { call, send, setup } from './sessions-harness.js';

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
type Json = any;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

async function documentOf(app: ReturnType<typeof setup>['app']): Promise<Json> {
  const response = await app.request('/openapi.json');
  expect(response.status).toBe(200);
  return response.json();
}

function operations(document: Json): [string, string, Json][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Json)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => [method, path, operation] as [string, string, Json]),
  );
}

function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, entry]) =>
    key === '$ref' && typeof entry === 'string' ? [entry] : refsOf(entry),
  );
}

describe('GET /openapi.json', () => {
  it('documents exactly the routes the app registers (a new route without docs fails here)', async () => {
    const { app } = setup();
    const document = await documentOf(app);
    const registered = app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method.toLowerCase()} ${openApiPath(route.path, '/')}`);
    const documented = operations(document).map(([method, path]) => `${method} ${path}`);
    expect(new Set(registered).size).toBe(registered.length);
    expect([...documented].sort()).toEqual([...registered].sort());
    expect(documented).toContain('post /sessions/{session_id}/events');
    expect(documented).toContain('get /docs');
  });

  it('is OpenAPI 3.1 with unique operation ids, resolvable refs and declared path parameters', async () => {
    const document = await documentOf(setup().app);
    expect(document.openapi).toBe('3.1.0');
    const ids = operations(document).map(([, , operation]) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of refsOf(document)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(document.components.schemas[name], ref).toBeDefined();
    }
    for (const [method, path, operation] of operations(document)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      const declared = (operation.parameters ?? [])
        .filter((parameter: Json) => parameter.in === 'path')
        .map((parameter: Json) => parameter.name);
      expect(declared, `${method} ${path}`).toEqual(inPath);
      expect(operation.tags, `${method} ${path}`).toHaveLength(1);
      expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
    }
  });

  it("names every operation after parlant-client 3.3.1's method and covers all of them", async () => {
    const document = await documentOf(setup().app);
    const client = new ParlantClient({ environment: 'http://127.0.0.1:9' }) as Json;
    const documented = new Set<string>();
    for (const [, , operation] of operations(document)) {
      const method = operation['x-fern-sdk-method-name'];
      if (method === undefined) continue;
      const group = operation['x-fern-sdk-group-name'];
      const target = group === undefined ? client : client[group];
      expect(typeof target?.[method], `${group}.${method}`).toBe('function');
      documented.add(group === undefined ? method : `${group}.${method}`);
    }
    const expected = ['healthCheckHealthzGet'];
    const groups = Object.getOwnPropertyNames(Object.getPrototypeOf(client)).filter(
      (key) => key !== 'constructor' && key !== 'healthCheckHealthzGet',
    );
    for (const group of groups) {
      const prototype = Object.getPrototypeOf(client[group]);
      for (const name of Object.getOwnPropertyNames(prototype)) {
        if (name !== 'constructor' && !name.startsWith('_')) expected.push(`${group}.${name}`);
      }
    }
    expect(expected.length).toBeGreaterThan(60);
    expect([...documented].sort()).toEqual(expected.sort());
  });

  it('documents bodies, typed query parameters, and error shapes from the route schemas', async () => {
    const document = await documentOf(setup().app);
    const createAgent = document.paths['/agents'].post;
    const body = createAgent.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['name']);
    expect(body.properties.composition_mode.enum).toContain('strict_canned');
    expect(createAgent.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Agent',
    });
    expect(createAgent.responses['422'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/HTTPValidationError',
    );
    const listEvents = document.paths['/sessions/{session_id}/events'].get;
    const parameter = (name: string) =>
      listEvents.parameters.find((entry: Json) => entry.name === name);
    expect(parameter('wait_for_data').schema.type).toBe('integer');
    expect(parameter('sse').schema.type).toBe('boolean');
    expect(parameter('source').schema.enum).toContain('human_agent');
    expect(listEvents.responses['504']).toBeDefined();
    expect(Object.keys(listEvents.responses['200'].content)).toEqual([
      'application/json',
      'text/event-stream',
    ]);
    const labels = document.paths['/sessions'].get.parameters.find(
      (entry: Json) => entry.name === 'labels',
    );
    expect(labels).toMatchObject({
      schema: { type: 'array', items: { type: 'string', minLength: 1 } },
      explode: true,
    });
    // An empty filter is a 422, so the documented strings are never empty.
    expect(document.paths['/context-variables'].delete.parameters).toEqual([
      expect.objectContaining({ name: 'tag_id', schema: { type: 'string', minLength: 1 } }),
    ]);
    const limit = document.paths['/sessions'].get.parameters.find(
      (entry: Json) => entry.name === 'limit',
    );
    expect(limit.schema).toEqual({ type: 'integer', minimum: 1, maximum: 100 });
    expect(limit.description).toContain('plain array');
    expect(document.paths['/agents/{agent_id}'].get.responses['404']).toBeDefined();
    const createEvent = document.paths['/sessions/{session_id}/events'].post;
    expect(
      createEvent.parameters.find((entry: Json) => entry.name === 'moderation').schema.enum,
    ).toEqual(['none', 'auto', 'paranoid']);
    expect(document.components.schemas.Event.required).toContain('correlation_id');
  });

  it('marks extensions and keeps compatible operations unmarked', async () => {
    const document = await documentOf(setup().app);
    const trace = document.paths['/sessions/{session_id}/traces/{trace_id}'].get;
    expect(trace['x-conduct-extension']).toBe(true);
    expect(trace.description).toContain('Conduct extension');
    expect(document.paths['/sessions/{session_id}/events/stream'].get['x-conduct-extension']).toBe(
      true,
    );
    expect(document.paths['/sessions'].post['x-conduct-extension']).toBeUndefined();
  });

  it('documents the security of the auth policy, per operation', async () => {
    const dev = await documentOf(setup().app);
    expect(dev.components.securitySchemes).toBeUndefined();
    expect(dev.paths['/agents'].post.security).toBeUndefined();

    const secret = 'x'.repeat(32);
    const withKeys = appWith(apiKeyAuthPolicy({ keys: ['k'], customerTokens: { secret } })).app;
    const keyed = (await request(withKeys, 'GET', '/openapi.json')).body;
    expect(Object.keys(keyed.components.securitySchemes)).toEqual(['apiKey', 'customerToken']);
    expect(keyed.paths['/agents'].post.security).toEqual([{ apiKey: [] }]);
    expect(keyed.paths['/sessions/{session_id}/events'].get.security).toEqual([
      { apiKey: [] },
      { customerToken: [] },
    ]);
    expect(keyed.paths['/agents'].post.responses['403']).toBeDefined();
    expect(keyed.paths['/agents'].post.responses['429']).toBeUndefined();
    expect(keyed.paths['/healthz'].get.security).toBeUndefined();

    const open = appWith(publicAuthPolicy({ keys: ['k'], publicDocs: true })).app;
    const peer = '198.51.100.9';
    const publicDocument = (await request(open, 'GET', '/openapi.json', { peer })).body;
    expect(publicDocument.paths['/agents/{agent_id}'].get.security).toEqual([{ apiKey: [] }, {}]);
    expect(publicDocument.paths['/agents/{agent_id}'].get.responses['429']).toBeDefined();
    expect(
      publicDocument.paths['/agents/{agent_id}'].get.responses['429'].headers['Retry-After'].schema,
    ).toEqual({ type: 'integer', minimum: 1 });
  });

  it('describes responses that match what the routes really answer', async () => {
    const { app } = setup();
    const check = async (method: string, path: string, honoPath: string, body?: unknown) => {
      const response = await call(app, path, body === undefined ? { method } : send(method, body));
      const route = documentedRoutes
        .flatMap((group) =>
          group.docs.routes.map((doc) => ({
            doc,
            path: joinRoutePath(group.docs.prefix, doc.path),
          })),
        )
        .find((entry) => entry.path === honoPath && entry.doc.method === method.toLowerCase());
      expect(route, `${method} ${honoPath} is documented`).toBeDefined();
      const schema = route?.doc.response as z.ZodType;
      expect(response.status, `${method} ${path}`).toBeLessThan(300);
      const parsed = schema.safeParse(response.body);
      expect(parsed.success, `${method} ${path}: ${parsed.error?.message}`).toBe(true);
      return response.body;
    };
    const agent = await check('POST', '/agents', '/agents', { name: 'Ava' });
    await check('GET', `/agents/${agent.id}`, '/agents/:agentId');
    const customer = await check('POST', '/customers', '/customers', { name: 'Al', metadata: {} });
    await check('GET', '/customers?limit=1', '/customers');
    const session = await check('POST', '/sessions', '/sessions', {
      agent_id: agent.id,
      customer_id: customer.id,
    });
    await check('GET', '/sessions', '/sessions');
    await check('POST', `/sessions/${session.id}/events`, '/sessions/:sessionId/events', {
      kind: 'message',
      source: 'customer',
      message: 'hi',
    });
    await check(
      'GET',
      `/sessions/${session.id}/events?wait_for_data=0`,
      '/sessions/:sessionId/events',
    );
    const tag = await check('POST', '/tags', '/tags', { name: 'vip' });
    const guideline = await check('POST', '/guidelines', '/guidelines', {
      condition: 'the customer asks',
      action: 'answer',
      tags: [tag.id],
    });
    await check('POST', '/relationships', '/relationships', {
      source_guideline: guideline.id,
      target_tag: tag.id,
      kind: 'entailment',
    });
    await check('GET', `/guidelines/${guideline.id}`, '/guidelines/:guidelineId');
    await check('POST', '/terms', '/terms', { name: 'SKU', description: 'A product code' });
    await check('POST', '/capabilities', '/capabilities', {
      title: 'Refunds',
      description: 'We refund',
      signals: ['refund'],
    });
    await check('POST', '/canned_responses', '/canned_responses', { value: 'Hi', fields: [] });
    const variable = await check('POST', '/context-variables', '/context-variables', {
      name: 'plan',
    });
    await check(
      'PUT',
      `/context-variables/${variable.id}/DEFAULT`,
      '/context-variables/:variableId/:key',
      {
        data: 'gold',
      },
    );
    await check('GET', `/context-variables/${variable.id}`, '/context-variables/:variableId');
    await check('POST', '/journeys', '/journeys', {
      title: 'Return',
      description: 'Return an item',
      conditions: ['the customer wants to return an item'],
    });
    await check('GET', '/healthz', '/healthz');
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI over the document, with pinned assets by default', async () => {
    const { app } = setup();
    const response = await app.request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain(
      'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5.35.0/swagger-ui-bundle.js',
    );
    expect(html).toContain('"url":"openapi.json"');
    expect((await app.request('/docs/assets/swagger-ui.css')).status).toBe(404);
  });

  it('serves local assets when given a source, and only the files the page needs', async () => {
    const { createConductApp } = await import('../src/index.js');
    const { conduct } = setup();
    const asked: string[] = [];
    const app = createConductApp({
      conduct,
      docs: {
        assets: (file) => {
          asked.push(file);
          return { body: `/* ${file} */` };
        },
      },
    });
    const html = await (await app.request('/docs')).text();
    expect(html).toContain('href="docs/assets/swagger-ui.css"');
    const css = await app.request('/docs/assets/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toBe('/* swagger-ui.css */');
    expect((await app.request('/docs/assets/package.json')).status).toBe(404);
    expect((await app.request('/docs/assets/..%2Fpackage.json')).status).toBe(404);
    expect(asked).toEqual(['swagger-ui.css']);
    const document = await documentOf(app);
    expect(document.paths['/docs/assets/{file}'].get).toBeDefined();
  });

  it('can be turned off', async () => {
    const { createConductApp } = await import('../src/index.js');
    const app = createConductApp({ conduct: setup().conduct, docs: false });
    expect((await app.request('/docs')).status).toBe(404);
    expect((await app.request('/openapi.json')).status).toBe(404);
  });

  it('is public in dev and api-key modes, and needs a key under the public preset', async () => {
    const keyed = appWith(apiKeyAuthPolicy({ keys: ['k'] })).app;
    expect((await keyed.request('/docs')).status).toBe(200);
    expect((await request(keyed, 'GET', '/openapi.json')).status).toBe(200);
    expect((await request(keyed, 'GET', '/agents')).status).toBe(403);
    const closed = appWith(apiKeyAuthPolicy({ keys: ['k'], publicDocs: false })).app;
    expect((await request(closed, 'GET', '/openapi.json')).status).toBe(403);
    const production = appWith(publicAuthPolicy({ keys: ['k'] })).app;
    const peer = '198.51.100.7';
    const denied = await request(production, 'GET', '/openapi.json', { peer });
    expect(denied.body).toEqual({ detail: 'Authorization failed: OPERATION=ACCESS_API_DOCS' });
    expect((await request(production, 'GET', '/openapi.json', { peer, bearer: 'k' })).status).toBe(
      200,
    );
  });
});
