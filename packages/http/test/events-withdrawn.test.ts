import { generateTraceId } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { agentAndSession, call, setup } from './sessions-harness.js';

describe('a streamed reply a crash cut off', () => {
  it('is withdrawn when its turn is recovered: a reader waiting for it stops, listings drop it', async () => {
    const { app, conduct, store } = setup();
    const { session } = await agentAndSession(app);
    const traceId = generateTraceId();
    const participant = { id: null, display_name: 'Dee' };
    // What a process killed mid-reply leaves (stream mode): the reply's chunks never end.
    await store.events.append(session.id, {
      kind: 'message',
      source: 'customer',
      traceId,
      data: { message: 'where is my order?', participant },
    });
    const cut = await store.events.append(session.id, {
      kind: 'message',
      source: 'ai_agent',
      traceId,
      data: { message: 'I can ', participant, chunks: ['I can '] },
    });
    const started = Date.now();
    const waiting = call(
      app,
      `/sessions/${session.id}/events/${cut.id}?wait_for_completion=true&wait_for_data=20`,
    );
    const recovered = await conduct.engine.recoverUnfinishedTurns({ mode: 'resume' });
    await recovered.settled;
    const read = await waiting;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(read.body).toMatchObject({
      id: cut.id,
      deleted: true,
      data: { message: 'I can ', chunks: ['I can '], superseded: true },
    });
    const listed = (await call(app, `/sessions/${session.id}/events?trace_id=${traceId}`)).body;
    // biome-ignore lint/suspicious/noExplicitAny: wire events
    const replies = listed.filter((e: any) => e.kind === 'message' && e.source === 'ai_agent');
    // biome-ignore lint/suspicious/noExplicitAny: wire events
    expect(replies.map((e: any) => e.data.message)).toEqual(['Hello!']);
    const finalReadies = listed.filter(
      // biome-ignore lint/suspicious/noExplicitAny: wire events
      (e: any) =>
        e.kind === 'status' && e.data.status === 'ready' && e.data.data.stage === 'completed',
    );
    expect(finalReadies).toHaveLength(1);
  });
});
