import { describe, expect, it } from 'vitest';
import { agentAndSession, call, pollUntilReply, send, setup } from './sessions-harness.js';

const postEvent = (body: unknown) => send('POST', body);

describe('POST /sessions/{id}/events', () => {
  it('stores a customer message, answers 201 at once and triggers a reply', async () => {
    const { app } = setup();
    const { agent, session } = await agentAndSession(app);
    const created = await call(
      app,
      `/sessions/${session.id}/events?moderation=none`,
      postEvent({ kind: 'message', source: 'customer', message: 'hi' }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-zA-Z]{10}$/),
      source: 'customer',
      kind: 'message',
      offset: 0,
      creation_utc: expect.stringMatching(/Z$/),
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      correlation_id: created.body.trace_id,
      data: {
        message: 'hi',
        participant: { id: 'guest', display_name: 'Guest' },
        flagged: false,
        tags: [],
      },
      metadata: {},
      deleted: false,
    });
    const events = await pollUntilReply(app, session.id);
    const reply = events.find((e) => e.source === 'ai_agent' && e.kind === 'message');
    expect(reply.data.participant).toEqual({ id: agent.id, display_name: 'Ava' });
  });

  it('uses the customer name, and a participant override when given', async () => {
    const { app } = setup();
    const alice = (await call(app, '/customers', send('POST', { name: 'Alice' }))).body;
    const { session } = await agentAndSession(app, { customer_id: alice.id });
    const mine = await call(
      app,
      `/sessions/${session.id}/events`,
      postEvent({ kind: 'message', source: 'customer', message: 'hi', metadata: { k: 'v' } }),
    );
    expect(mine.body.data.participant).toEqual({ id: alice.id, display_name: 'Alice' });
    expect(mine.body.metadata).toEqual({ k: 'v' });
    const other = await call(
      app,
      `/sessions/${session.id}/events?moderation=none`,
      postEvent({
        kind: 'message',
        source: 'customer',
        message: 'again',
        participant: { display_name: 'Al' },
      }),
    );
    expect(other.body.data.participant).toEqual({ id: null, display_name: 'Al' });
  });

  it('stores human-agent, on-behalf, status and custom events without a turn', async () => {
    const { app, model } = setup();
    const { agent, session } = await agentAndSession(app);
    const path = `/sessions/${session.id}/events`;
    const human = await call(
      app,
      path,
      postEvent({
        kind: 'message',
        source: 'human_agent',
        message: 'Hi, Bob here',
        participant: { id: 'op-1', display_name: 'Bob' },
      }),
    );
    expect(human.status).toBe(201);
    expect(human.body.data).toEqual({
      message: 'Hi, Bob here',
      participant: { id: 'op-1', display_name: 'Bob' },
    });
    const onBehalf = await call(
      app,
      path,
      postEvent({
        kind: 'message',
        source: 'human_agent_on_behalf_of_ai_agent',
        message: 'Welcome!',
      }),
    );
    expect(onBehalf.body.data.participant).toEqual({ id: agent.id, display_name: 'Ava' });
    const typing = await call(
      app,
      path,
      postEvent({ kind: 'status', source: 'ai_agent', status: 'typing' }),
    );
    expect(typing.body.data).toEqual({ status: 'typing', data: {} });
    const processing = await call(
      app,
      path,
      postEvent({
        kind: 'status',
        source: 'system',
        status: 'processing',
        data: { stage: 'Thinking' },
      }),
    );
    expect(processing.body.data).toEqual({ status: 'processing', data: { stage: 'Thinking' } });
    const custom = await call(
      app,
      path,
      postEvent({ kind: 'custom', source: 'customer_ui', data: { page: '/x' } }),
    );
    expect(custom.body).toMatchObject({
      kind: 'custom',
      source: 'customer_ui',
      data: { page: '/x' },
    });
    const offsets = [human, onBehalf, typing, processing, custom].map((r) => r.body.offset);
    expect(offsets).toEqual([0, 1, 2, 3, 4]);
    const traces = new Set([human, onBehalf, typing].map((r) => r.body.trace_id));
    expect(traces.size).toBe(3);
    expect(model.calls).toEqual([]);
  });

  it('rejects what the creation rules forbid with 422 and stores nothing', async () => {
    const { app, store } = setup();
    const { session } = await agentAndSession(app);
    const path = `/sessions/${session.id}/events`;
    const rejected: [unknown, string | null][] = [
      [{ kind: 'message', source: 'customer' }, "Missing 'message' field for event"],
      [{ kind: 'message', source: 'customer', message: '' }, "Missing 'message' field for event"],
      [{ kind: 'message', source: 'human_agent', message: 'x' }, 'participant'],
      [{ kind: 'message', source: 'human_agent_on_behalf_of_ai_agent' }, "Missing 'message'"],
      [{ kind: 'message', source: 'system', message: 'x' }, "source 'system'"],
      [{ kind: 'message', source: 'customer_ui', message: 'x' }, "source 'customer_ui'"],
      [{ kind: 'message', source: 'ai_agent', message: 'x' }, 'must not carry'],
      [{ kind: 'message', source: 'ai_agent', guidelines: [{ action: 'greet' }] }, 'not supported'],
      [{ kind: 'custom', source: 'customer_ui' }, "Missing 'data'"],
      [{ kind: 'custom', source: 'customer_ui', data: {} }, "Missing 'data'"],
      [{ kind: 'status', source: 'ai_agent' }, "Missing 'status'"],
      [{ kind: 'status', source: 'ai_agent', status: 'typing', data: [1] }, 'must be an object'],
      [{ kind: 'tool', source: 'system', data: { tool_calls: [] } }, 'Tool events'],
      [{ kind: 'status', source: 'ai_agent', status: 'processing' }, null],
      [{ kind: 'status', source: 'ai_agent', status: 'asleep' }, null],
      [{ kind: 'gossip', source: 'customer', message: 'x' }, null],
      [{ kind: 'message', source: 'robot', message: 'x' }, null],
      [{ kind: 'message', source: 'customer', message: 5 }, null],
      [{ kind: 'message', source: 'human_agent', message: 'x', participant: {} }, null],
    ];
    for (const [body, detail] of rejected) {
      const response = await call(app, path, postEvent(body));
      expect(response.status, JSON.stringify(body)).toBe(422);
      if (detail === null) expect(Array.isArray(response.body.detail)).toBe(true);
      else expect(response.body.detail, JSON.stringify(body)).toContain(detail);
    }
    const badModeration = await call(
      app,
      `${path}?moderation=strict`,
      postEvent({ kind: 'message', source: 'customer', message: 'x' }),
    );
    expect(badModeration.status).toBe(422);
    expect(badModeration.body.detail[0].loc).toEqual(['query', 'moderation']);
    const malformed = await call(app, path, postEvent('{"kind":'));
    expect(malformed.status).toBe(422);
    expect(await store.events.list(session.id, { includeDeleted: true })).toEqual([]);
    const unknown = await call(
      app,
      '/sessions/nope/events',
      postEvent({ kind: 'message', source: 'customer', message: 'x' }),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe("Session not found (id='nope')");
  });

  it('runs a turn for an ai_agent message request and returns its first status', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app);
    const response = await call(
      app,
      `/sessions/${session.id}/events`,
      postEvent({ kind: 'message', source: 'ai_agent' }),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      kind: 'status',
      source: 'ai_agent',
      data: { status: 'acknowledged' },
    });
    const events = await pollUntilReply(app, session.id);
    expect(new Set(events.map((e) => e.trace_id))).toEqual(new Set([response.body.trace_id]));

    await call(app, `/sessions/${session.id}`, send('PATCH', { mode: 'manual' }));
    const silent = await call(
      app,
      `/sessions/${session.id}/events`,
      postEvent({ kind: 'message', source: 'ai_agent' }),
    );
    expect(silent.status).toBe(409);
    expect(silent.body.detail).toContain('manual mode');
  });
});
