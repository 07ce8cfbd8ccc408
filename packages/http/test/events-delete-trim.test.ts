import { describe, expect, it } from 'vitest';
import { agentAndSession, call, send, setup } from './sessions-harness.js';

async function turn(
  app: ReturnType<typeof setup>['app'],
  conduct: ReturnType<typeof setup>['conduct'],
  sessionId: string,
  text: string,
) {
  const posted = await call(
    app,
    `/sessions/${sessionId}/events`,
    send('POST', { kind: 'message', source: 'customer', message: text }),
  );
  await conduct.engine.idle(sessionId);
  return posted.body;
}

describe('DELETE /sessions/{id}/events trims the engine state', () => {
  it('forgets the guidelines matched by the deleted turns, keeps the earlier ones', async () => {
    const { app, conduct, store } = setup();
    const { agent, session } = await agentAndSession(app);
    const refunds = (
      await call(
        app,
        '/guidelines',
        send('POST', {
          condition: 'the customer asks about refunds',
          action: 'explain refunds',
          tags: [`agent:${agent.id}`],
        }),
      )
    ).body;
    const warranty = (
      await call(
        app,
        '/guidelines',
        send('POST', {
          condition: 'the customer asks about warranty',
          action: 'explain warranty',
          tags: [`agent:${agent.id}`],
        }),
      )
    ).body;
    await turn(app, conduct, session.id, 'refunds please');
    const second = await turn(app, conduct, session.id, 'warranty please');
    const remembered = (await store.sessions.get(session.id)).state.recentlyMatched;
    expect(remembered).toEqual([[warranty.id], [refunds.id]]);

    const deleted = await call(app, `/sessions/${session.id}/events?min_offset=${second.offset}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
    expect((await store.sessions.get(session.id)).state.recentlyMatched).toEqual([[refunds.id]]);
    const events = (await call(app, `/sessions/${session.id}/events?wait_for_data=0`)).body;
    expect(events.every((event: { offset: number }) => event.offset < second.offset)).toBe(true);
  });
});
