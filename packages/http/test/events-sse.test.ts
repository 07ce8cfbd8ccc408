import { describe, expect, it } from 'vitest';
import {
  agentAndSession,
  call,
  pollUntilReply,
  say,
  send,
  setup,
  sseMessages,
} from './sessions-harness.js';

// biome-ignore lint/suspicious/noExplicitAny: wire events
type Wire = any;

describe('SSE', () => {
  it('streams the events as data: <EventDTO> messages and closes when idle', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app);
    const message = await say(app, session.id, 'hi');
    await pollUntilReply(app, session.id);
    const started = Date.now();
    const response = await app.request(`/sessions/${session.id}/events?sse=true&wait_for_data=1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const text = await response.text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(text.startsWith('data: {')).toBe(true);
    const events = sseMessages(text) as Wire[];
    expect(events[0]).toEqual(
      (await call(app, `/sessions/${session.id}/events/${message.id}`)).body,
    );
    expect(events.map((e) => e.offset)).toEqual(events.map((_, i) => i));
    expect(events.some((e) => e.source === 'ai_agent' && e.kind === 'message')).toBe(true);
  });

  it('sends new events as they come, applies filters, and stops when the session is deleted', async () => {
    const { app, store } = setup();
    const { session } = await agentAndSession(app);
    const response = await app.request(
      `/sessions/${session.id}/events?sse=1&kinds=custom&wait_for_data=10`,
    );
    const append = (data: unknown) =>
      store.events.append(session.id, {
        kind: 'custom',
        source: 'customer_ui',
        traceId: '<main>',
        data,
      });
    await append({ n: 1 });
    await store.events.append(session.id, {
      kind: 'status',
      source: 'ai_agent',
      traceId: '<main>',
      data: { status: 'typing', data: {} },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await append({ n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await call(app, `/sessions/${session.id}`, { method: 'DELETE' });
    const events = sseMessages(await response.text()) as Wire[];
    expect(Date.now() - started).toBeLessThan(1000);
    expect(events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('answers an unknown session with a JSON 404 before streaming', async () => {
    const { app } = setup();
    const response = await call(app, '/sessions/nope/events?sse=true');
    expect(response).toMatchObject({
      status: 404,
      body: { detail: "Session not found (id='nope')" },
    });
  });

  it('streams one message chunk by chunk, and waits for its completion on request', async () => {
    const { app, store } = setup({ model: { chunking: 'words', chunkDelayMs: 30 } });
    const { agent, session } = await agentAndSession(app);
    await call(app, `/agents/${agent.id}`, send('PATCH', { message_output_mode: 'stream' }));
    await say(app, session.id, 'hi');
    const first = await call(
      app,
      `/sessions/${session.id}/events?kinds=message&source=ai_agent&wait_for_data=5`,
    );
    const replyId = first.body[0].id;
    const [sse, completed] = await Promise.all([
      app.request(`/sessions/${session.id}/events/${replyId}?sse=true&wait_for_data=5`),
      call(app, `/sessions/${session.id}/events/${replyId}?wait_for_completion=true`),
    ]);
    expect(completed.body.data.chunks.at(-1)).toBeNull();
    expect(completed.body.data.message).toBe('Hello!');
    const updates = sseMessages(await sse.text()) as Wire[];
    expect(updates.at(-1).data.chunks.at(-1)).toBeNull();
    expect(new Set(updates.map((e) => e.id))).toEqual(new Set([replyId]));
    const stored = await store.events.get(session.id, replyId);
    expect(stored.kind === 'message' && stored.data.message).toBe('Hello!');
  });

  it('/events/stream sends appends and in-place message updates (deltas)', async () => {
    const { app, model } = setup({ model: { chunking: 'words', chunkDelayMs: 25 } });
    model.on('compose', 'Your order ships tomorrow.');
    const { agent, session } = await agentAndSession(app);
    await call(app, `/agents/${agent.id}`, send('PATCH', { message_output_mode: 'stream' }));
    const stream = app.request(`/sessions/${session.id}/events/stream?wait_for_data=1`);
    const message = await say(app, session.id, 'where is my order?');
    const response = await stream;
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const sent = sseMessages(await response.text()) as Wire[];
    expect(sent[0]).toMatchObject({ id: message.id, revision: 0 });
    const reply = sent.filter((e) => e.kind === 'message' && e.source === 'ai_agent');
    expect(reply.length).toBeGreaterThan(2);
    expect(new Set(reply.map((e) => e.id)).size).toBe(1);
    const revisions = reply.map((e) => e.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBe(revisions.length);
    expect(reply.at(-1).data.message).toBe('Your order ships tomorrow.');
    expect(reply.at(-1).data.chunks.at(-1)).toBeNull();
    expect(sent.at(-1)).toMatchObject({ kind: 'status', data: { status: 'ready' } });
    const offsets = [...new Set(sent.map((e) => e.offset))];
    expect(offsets).toEqual(offsets.map((_, i) => i));
  });
});
