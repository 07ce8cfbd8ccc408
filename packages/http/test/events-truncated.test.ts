import { scripted } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { agentAndSession, call, say, send, setup, sseMessages } from './sessions-harness.js';

describe('a reply cut off mid-stream', () => {
  it('says so in the final update of its message and in the trace errors', async () => {
    const { app, model, conduct } = setup();
    model.on('compose', ['Your order', ' ships', scripted.fail('connection reset by peer')]);
    const { agent, session } = await agentAndSession(app);
    await call(app, `/agents/${agent.id}`, send('PATCH', { message_output_mode: 'stream' }));
    const message = await say(app, session.id, 'where is my order?');
    await conduct.engine.idle(session.id);

    const listed = await call(app, `/sessions/${session.id}/events?wait_for_data=0`);
    const reply = listed.body.find(
      (e: { kind: string; source: string }) => e.kind === 'message' && e.source === 'ai_agent',
    );
    expect(reply.data).toMatchObject({
      message: 'Your order ships',
      chunks: ['Your order', ' ships', null],
      truncated: true,
    });
    // A client following the message's updates gets the mark with its final chunk.
    const sse = await app.request(
      `/sessions/${session.id}/events/${reply.id}?sse=true&wait_for_data=1`,
    );
    const [update] = sseMessages(await sse.text()) as { data: unknown }[];
    expect(update?.data).toMatchObject({ chunks: ['Your order', ' ships', null], truncated: true });
    const statuses = listed.body
      .filter((e: { kind: string }) => e.kind === 'status')
      .map((e: { data: { status: string } }) => e.data.status);
    expect(statuses.slice(-2)).toEqual(['error', 'ready']);

    const trace = await call(app, `/sessions/${session.id}/traces/${message.trace_id}`);
    expect(trace.body.turns[0].errors).toContainEqual(
      expect.objectContaining({ stage: 'compose', code: 'reply_truncated' }),
    );
  });
});
