import { createConduct, createMemoryStore } from '@conduct/core';
import { createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { createConductApp } from '../src/index.js';

function setup() {
  const conduct = createConduct({
    store: createMemoryStore(),
    model: createScriptedModel(),
    strategies: [keywordStrategy()],
  });
  return { conduct, app: createConductApp({ conduct }) };
}

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('/agents', () => {
  it('creates, reads, lists, updates and deletes an agent in the wire format', async () => {
    const { app } = setup();
    const created = await app.request('/agents', json({ name: 'Ava', description: 'Support' }));
    expect(created.status).toBe(201);
    const agent = await created.json();
    expect(agent).toEqual({
      id: expect.stringMatching(/^[0-9a-zA-Z]{10}$/),
      name: 'Ava',
      description: 'Support',
      max_engine_iterations: 3,
      composition_mode: 'fluid',
      message_output_mode: 'block',
      tags: [],
      creation_utc: expect.any(String),
    });
    expect(await (await app.request(`/agents/${agent.id}`)).json()).toEqual(agent);
    expect((await (await app.request('/agents')).json()).map((a: { id: string }) => a.id)).toEqual([
      agent.id,
    ]);
    const patched = await app.request(`/agents/${agent.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ava 2', tags: { add: ['vip'] } }),
    });
    expect(await patched.json()).toMatchObject({
      name: 'Ava 2',
      tags: ['vip'],
      description: 'Support',
    });
    expect((await app.request(`/agents/${agent.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/agents/${agent.id}`)).status).toBe(404);
  });

  it('answers bad input with 422 and a detail list, and changes nothing', async () => {
    const { app, conduct } = setup();
    const missing = await app.request('/agents', json({}));
    expect(missing.status).toBe(422);
    expect((await missing.json()).detail[0]).toMatchObject({
      loc: ['body', 'name'],
      type: 'missing',
    });
    const badEnum = await app.request('/agents', json({ name: 'x', composition_mode: 'loose' }));
    expect(badEnum.status).toBe(422);
    const malformed = await app.request('/agents', { ...json({}), body: '{not json' });
    expect(malformed.status).toBe(422);
    expect((await malformed.json()).detail[0].type).toBe('json_invalid');
    expect(await conduct.store.agents.list()).toEqual([]);
    const unknown = await app.request('/agents/nope');
    expect(unknown.status).toBe(404);
    expect(typeof (await unknown.json()).detail).toBe('string');
  });

  it('rejects oversized bodies, unknown routes and answers CORS preflights', async () => {
    const conduct = createConduct({
      model: createScriptedModel(),
      strategies: [keywordStrategy()],
    });
    const app = createConductApp({ conduct, bodyLimitBytes: 100 });
    const big = await app.request('/agents', json({ name: 'x'.repeat(500) }));
    expect(big.status).toBe(413);
    expect((await app.request('/nowhere')).status).toBe(404);
    const preflight = await app.request('/sessions', {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'content-type,x-fern-language,x-fern-runtime,x-fern-runtime-version',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    // Dev mode (the default policy) reflects loopback origins only.
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-fern-language');
  });
});
