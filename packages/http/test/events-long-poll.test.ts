import { describe, expect, it } from 'vitest';
import { agentAndSession, call, pollUntilReply, say, send, setup } from './sessions-harness.js';

describe('GET /sessions/{id}/events (long-poll)', () => {
  it('answers at once when matching events exist, and [] with wait_for_data=0', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app, { title: 't' });
    const empty = Date.now();
    const none = await call(app, `/sessions/${session.id}/events?wait_for_data=0`);
    expect(none).toMatchObject({ status: 200, body: [] });
    expect(Date.now() - empty).toBeLessThan(1000);
    await call(app, `/sessions/${session.id}`, send('PATCH', { mode: 'manual' }));
    await say(app, session.id, 'hello');
    const started = Date.now();
    const found = await call(app, `/sessions/${session.id}/events`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(found.body.map((e: { offset: number }) => e.offset)).toEqual([0]);
  });

  it('wakes up when an event is appended', async () => {
    const { app, store } = setup();
    const { session } = await agentAndSession(app);
    const pending = call(app, `/sessions/${session.id}/events?min_offset=0&wait_for_data=10`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await store.events.append(session.id, {
      kind: 'custom',
      source: 'customer_ui',
      traceId: '<main>',
      data: { page: '/cart' },
    });
    const response = await pending;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject([{ kind: 'custom', data: { page: '/cart' } }]);
  });

  it('times out with 504 {"detail":"Request timed out"}', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app);
    const started = Date.now();
    const response = await call(app, `/sessions/${session.id}/events?wait_for_data=1`);
    const elapsed = Date.now() - started;
    expect(response).toMatchObject({ status: 504, body: { detail: 'Request timed out' } });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3000);
  });

  it('caps wait_for_data at maxWaitSeconds', async () => {
    const { app } = setup({ maxWaitSeconds: 1 });
    const { session } = await agentAndSession(app);
    const started = Date.now();
    const response = await call(app, `/sessions/${session.id}/events?wait_for_data=60`);
    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers an unknown session with 404 immediately', async () => {
    const { app } = setup();
    const started = Date.now();
    const response = await call(app, '/sessions/nope/events?wait_for_data=60');
    expect(response).toMatchObject({
      status: 404,
      body: { detail: "Session not found (id='nope')" },
    });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('runs a whole turn: statuses and reply share the message trace id', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app);
    const message = await say(app, session.id, 'hi there');
    const events = await pollUntilReply(app, session.id, 1);
    const offsets = events.map((e) => e.offset);
    expect(offsets).toEqual(offsets.map((_, i) => i + 1));
    expect(new Set(events.map((e) => e.trace_id))).toEqual(new Set([message.trace_id]));
    expect(events.every((e) => e.correlation_id === e.trace_id)).toBe(true);
    const statuses = events.filter((e) => e.kind === 'status').map((e) => e.data.status);
    expect(statuses[0]).toBe('acknowledged');
    expect(statuses.at(-1)).toBe('ready');
    expect(statuses).toContain('typing');
    const reply = events.find((e) => e.kind === 'message');
    expect(reply).toMatchObject({ source: 'ai_agent', data: { message: 'Hello!' } });
  });

  it('filters by kinds, source and trace_id, ignoring correlation_id', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app);
    const first = await say(app, session.id, 'one');
    await pollUntilReply(app, session.id, 1);
    const path = `/sessions/${session.id}/events?wait_for_data=0`;
    const statuses = (await call(app, `${path}&kinds=status`)).body;
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.every((e: { kind: string }) => e.kind === 'status')).toBe(true);
    const both = (await call(app, `${path}&kinds=message,%20status`)).body;
    expect(new Set(both.map((e: { kind: string }) => e.kind))).toEqual(
      new Set(['message', 'status']),
    );
    const agentOnly = (await call(app, `${path}&source=ai_agent&kinds=message`)).body;
    expect(agentOnly).toHaveLength(1);
    const second = await say(app, session.id, 'two');
    const trace = (await call(app, `${path}&trace_id=${first.trace_id}&correlation_id=zzz`)).body;
    expect(trace.length).toBeGreaterThan(1);
    expect(trace.every((e: { trace_id: string }) => e.trace_id === first.trace_id)).toBe(true);
    const fromOffset = (await call(app, `${path}&min_offset=${second.offset}`)).body;
    expect(fromOffset[0].id).toBe(second.id);
  });

  it('answers bad query values with 422', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app);
    const path = `/sessions/${session.id}/events?wait_for_data=0&`;
    for (const query of [
      'kinds=message,gossip',
      'source=robot',
      'min_offset=1.5',
      'min_offset=x',
      'wait_for_data=soon',
      'sse=perhaps',
    ]) {
      const response = await call(app, `${path}${query}`);
      expect(response.status, query).toBe(422);
      expect(response.body.detail[0].loc[0]).toBe('query');
    }
    const kinds = await call(app, `${path}kinds=message,gossip`);
    expect(kinds.body.detail[0].msg).toContain("Invalid event kind 'gossip'");
  });

  it('stays silent in manual mode: the next long-poll times out', async () => {
    const { app, model } = setup();
    const { session } = await agentAndSession(app);
    await call(app, `/sessions/${session.id}`, send('PATCH', { mode: 'manual' }));
    const message = await say(app, session.id, 'anyone?');
    const response = await call(
      app,
      `/sessions/${session.id}/events?min_offset=${message.offset + 1}&wait_for_data=1`,
    );
    expect(response.status).toBe(504);
    expect(model.calls).toEqual([]);
    await call(app, `/sessions/${session.id}`, send('PATCH', { mode: 'auto' }));
    const next = await say(app, session.id, 'hello again');
    const events = await pollUntilReply(app, session.id, next.offset + 1);
    expect(events.some((e) => e.kind === 'message' && e.source === 'ai_agent')).toBe(true);
  });
});
