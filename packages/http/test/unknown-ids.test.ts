import { describe, expect, it } from 'vitest';
import { call, send, setup } from './sessions-harness.js';

// biome-ignore lint/suspicious/noExplicitAny: the document is walked as plain JSON
type Json = any;

/** A body each route accepts apart from the unknown id, so the 404 is about the id. */
function bodyFor(operation: Json, path: string): unknown {
  const schema = operation.requestBody?.content['application/json'].schema;
  if (schema === undefined) return undefined;
  if (path.endsWith('/events')) return { kind: 'custom', source: 'customer_ui', data: { a: 1 } };
  if (path.startsWith('/services')) return { kind: 'mcp', mcp: { url: 'http://127.0.0.1:1/mcp' } };
  // Required fields get a plausible value (a string, or any JSON for an untyped one).
  return Object.fromEntries(
    (schema.required ?? []).map((name: string) => [
      name,
      schema.properties[name].type === 'string' ? 'x' : 1,
    ]),
  );
}

describe('unknown ids', () => {
  it('every route with an id in its path answers 404 {detail: string} and changes nothing', async () => {
    const { app, store } = setup();
    const document: Json = await (await app.request('/openapi.json')).json();
    const agent = (await call(app, '/agents', send('POST', { name: 'Ava' }))).body;
    const before = JSON.stringify([await store.agents.list(), (await store.sessions.page()).items]);
    let checked = 0;
    for (const [template, item] of Object.entries(document.paths as Record<string, Json>)) {
      if (!template.includes('{')) continue;
      for (const method of Object.keys(item)) {
        const path = template.replace(/\{[^}]+\}/g, 'nope');
        const body = bodyFor(item[method], template);
        const init =
          body === undefined ? { method: method.toUpperCase() } : send(method.toUpperCase(), body);
        const response = await call(app, path, init);
        const unsupported = template.startsWith('/services') || template.startsWith('/evaluations');
        expect(response.status, `${method.toUpperCase()} ${template}`).toBe(
          unsupported ? 501 : 404,
        );
        expect(typeof response.body?.detail, `${method.toUpperCase()} ${template}`).toBe('string');
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(40);
    // A known session with an unknown event or trace is a 404 too.
    const session = (await call(app, '/sessions', send('POST', { agent_id: agent.id }))).body;
    expect((await call(app, `/sessions/${session.id}/events/nope`)).status).toBe(404);
    expect((await call(app, `/sessions/${session.id}/traces/nope`)).status).toBe(404);
    const after = await store.sessions.page();
    expect(after.items).toHaveLength(1);
    expect(JSON.stringify([await store.agents.list(), []])).toBe(before);
  });
});
