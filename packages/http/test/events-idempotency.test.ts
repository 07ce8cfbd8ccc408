import { createConduct, createMemoryStore } from '@conduct/core';
import {
  createScriptedModel,
  createScriptedModerator,
  keywordStrategy,
  scripted,
} from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { createConductApp } from '../src/index.js';
import { agentAndSession, call, setup, type TestApp } from './sessions-harness.js';

const customerMessage = { kind: 'message', source: 'customer', message: 'Where is my order?' };

/** `POST /sessions/{id}/events` with an `Idempotency-Key` (none when `key` is undefined). */
function post(app: TestApp, sessionId: string, body: unknown, key?: string, query = '') {
  return call(app, `/sessions/${sessionId}/events${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === undefined ? {} : { 'Idempotency-Key': key }),
    },
    body: JSON.stringify(body),
  });
}

describe('POST /sessions/{id}/events with Idempotency-Key', () => {
  it('answers a retry with the stored event (201) and runs one turn: one agent reply', async () => {
    const { app, conduct, model, store } = setup();
    const { session } = await agentAndSession(app);
    const first = await post(app, session.id, customerMessage, 'order-1');
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    // One retry while the turn may still run, one after it ended.
    const inFlight = await post(app, session.id, customerMessage, 'order-1');
    await conduct.engine.idle(session.id);
    const late = await post(app, session.id, customerMessage, 'order-1');
    await conduct.engine.idle(session.id);
    for (const retry of [inFlight, late]) {
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    }
    const events = await store.events.list(session.id);
    const messages = events.filter((event) => event.kind === 'message');
    expect(messages.map((event) => event.source)).toEqual(['customer', 'ai_agent']);
    expect(model.callsFor('compose')).toHaveLength(1);
    const statuses = events.flatMap((e) => (e.kind === 'status' ? [e.data.status] : []));
    expect(statuses).not.toContain('cancelled');
  });

  it('holds across instances: a retry sent to another instance after a crash gets the stored message, answered once', async () => {
    const store = createMemoryStore();
    const instance = (compose: Parameters<ReturnType<typeof createScriptedModel>['on']>[1]) => {
      const conduct = createConduct({
        store,
        model: createScriptedModel().on('compose', compose),
        strategies: [keywordStrategy()],
        onError: () => {},
      });
      return { conduct, app: createConductApp({ conduct }) };
    };
    // The first instance stores the message, then dies before its reply is written.
    const crashed = instance(scripted.hang);
    const survivor = instance('Your order ships today.');
    const { session } = await agentAndSession(crashed.app);
    const first = await post(crashed.app, session.id, customerMessage, 'lost-reply');
    await crashed.conduct.engine.close();
    const retry = await post(survivor.app, session.id, customerMessage, 'lost-reply');
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    await survivor.conduct.engine.idle(session.id);
    const messages = (await store.events.list(session.id, { kinds: ['message'] })).map((event) => [
      event.source,
      event.kind === 'message' ? event.data.message : undefined,
    ]);
    expect(messages).toEqual([
      ['customer', 'Where is my order?'],
      ['ai_agent', 'Your order ships today.'],
    ]);
  });

  it('stores one event for two identical requests sent at once', async () => {
    const { app, conduct, model, store } = setup();
    const { session } = await agentAndSession(app);
    const [a, b] = await Promise.all([
      post(app, session.id, customerMessage, 'same'),
      post(app, session.id, customerMessage, 'same'),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(a.body.offset).toBe(b.body.offset);
    const replayed = [a, b].map((r) => r.headers.get('Idempotent-Replayed'));
    expect(replayed.sort()).toEqual(['true', null].sort());
    await conduct.engine.idle(session.id);
    const events = await store.events.list(session.id);
    expect(events.filter((e) => e.kind === 'message' && e.source === 'customer')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'message' && e.source === 'ai_agent')).toHaveLength(1);
    expect(model.callsFor('compose')).toHaveLength(1);
  });

  it('refuses the key with a different request (422 naming the header) and stores nothing', async () => {
    const { app, conduct, store } = setup();
    const { session } = await agentAndSession(app);
    await post(app, session.id, customerMessage, 'k1');
    await conduct.engine.idle(session.id);
    const before = await store.events.list(session.id);
    const other = await post(app, session.id, { ...customerMessage, message: 'Cancel it' }, 'k1');
    expect(other.status).toBe(422);
    expect(other.body.detail).toContain("Idempotency-Key 'k1'");
    expect(other.body.detail).toContain('different request');
    // The same request spelled with its defaults is the same request.
    const explicit = await post(app, session.id, customerMessage, 'k1', '?moderation=none');
    expect(explicit.status).toBe(201);
    expect(await store.events.list(session.id)).toEqual(before);
  });

  it('matches a retry whatever its spacing and key order', async () => {
    const { app, store } = setup();
    const { session } = await agentAndSession(app);
    const body = { kind: 'custom', source: 'customer_ui', data: { a: 1, b: { c: 2, d: 3 } } };
    const first = await post(app, session.id, body, 'custom-1');
    const reordered = await call(app, `/sessions/${session.id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Idempotency-Key': 'custom-1' },
      body: '{ "data": { "b": { "d": 3, "c": 2 }, "a": 1 }, "source": "customer_ui", "kind": "custom" }',
    });
    expect(first.status).toBe(201);
    expect(reordered.status).toBe(201);
    expect(reordered.body).toEqual(first.body);
    expect(await store.events.list(session.id)).toHaveLength(1);
  });

  it('rejects an invalid key with 422 naming the header, and stores nothing', async () => {
    const { app, store } = setup();
    const { session } = await agentAndSession(app);
    for (const key of ['', 'x'.repeat(256), 'caf\u00e9', 'a\tb']) {
      const response = await post(app, session.id, customerMessage, key);
      expect(response.status, JSON.stringify(key)).toBe(422);
      expect(response.body.detail[0].loc).toEqual(['header', 'Idempotency-Key']);
      expect(response.body.detail[0].msg).toContain('Idempotency-Key');
    }
    expect(await post(app, session.id, customerMessage, 'x'.repeat(255))).toMatchObject({
      status: 201,
    });
    expect(
      await store.events.list(session.id, { kinds: ['message'], source: 'customer' }),
    ).toHaveLength(1);
  });

  it('scopes keys to the session, replays stored-as-given events, and frees a deleted key', async () => {
    const { app, store } = setup();
    const { agent, session } = await agentAndSession(app);
    const other = (
      await call(app, '/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agent_id: agent.id }),
      })
    ).body;
    const note = { kind: 'custom', source: 'system', data: { note: 'hi' } };
    const here = await post(app, session.id, note, 'shared');
    const there = await post(app, other.id, note, 'shared');
    expect(there.status).toBe(201);
    expect(there.headers.get('Idempotent-Replayed')).toBeNull();
    expect(there.body.id).not.toBe(here.body.id);
    const human = {
      kind: 'message',
      source: 'human_agent',
      message: 'Hi',
      participant: { display_name: 'Bo' },
    };
    const said = await post(app, session.id, human, 'human-1');
    expect((await post(app, session.id, human, 'human-1')).body).toEqual(said.body);
    expect(await store.events.list(session.id)).toHaveLength(2);

    const deleted = await call(app, `/sessions/${session.id}/events?min_offset=0`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
    const again = await post(app, session.id, note, 'shared');
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBeNull();
    expect(again.body.offset).toBe(2);
  });

  it('refuses a key on a request for an agent response, which stores nothing to replay', async () => {
    const { app, store } = setup();
    const { session } = await agentAndSession(app);
    const response = await post(app, session.id, { kind: 'message', source: 'ai_agent' }, 'r1');
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('Idempotency-Key');
    expect(await store.events.list(session.id)).toEqual([]);
  });

  it('does not moderate a retried message again (the first verdict stands)', async () => {
    const moderator = createScriptedModerator({ categories: { harassment: ['idiot'] } });
    const conduct = createConduct({
      store: createMemoryStore(),
      model: createScriptedModel().on('compose', 'Hello!'),
      strategies: [keywordStrategy()],
      onError: () => {},
    });
    const app = createConductApp({ conduct, moderation: { moderator } });
    const { session } = await agentAndSession(app);
    const rude = { ...customerMessage, message: 'you idiot' };
    const first = await post(app, session.id, rude, 'm1', '?moderation=auto');
    const retry = await post(app, session.id, rude, 'm1', '?moderation=auto');
    expect(first.body.data.flagged).toBe(true);
    expect(retry.body).toEqual(first.body);
    expect(moderator.calls).toHaveLength(1);
    await conduct.engine.idle(session.id);
  });

  it('documents the header on the route in /openapi.json, as an extension', async () => {
    const { app } = setup();
    const document = await (await app.request('/openapi.json')).json();
    const operation = document.paths['/sessions/{session_id}/events'].post;
    const header = operation.parameters.find(
      (parameter: { in: string; name: string }) =>
        parameter.in === 'header' && parameter.name === 'Idempotency-Key',
    );
    expect(header).toMatchObject({
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 255 },
      'x-conduct-extension': true,
    });
    expect(header.description).toContain('Conduct extension');
  });
});
