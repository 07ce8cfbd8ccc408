import { describe, expect, it } from 'vitest';
import { agentAndSession, call, pollUntilReply, say, send, setup } from './sessions-harness.js';

describe('one event, metadata and deletion', () => {
  it('reads one event, 404 for unknown ids', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app);
    await call(app, `/sessions/${session.id}`, send('PATCH', { mode: 'manual' }));
    const message = await say(app, session.id, 'hi');
    const read = await call(app, `/sessions/${session.id}/events/${message.id}`);
    expect(read.body).toEqual(message);
    const waited = await call(
      app,
      `/sessions/${session.id}/events/${message.id}?wait_for_completion=true&wait_for_data=5`,
    );
    expect(waited.body).toEqual(message);
    const missing = await call(app, `/sessions/${session.id}/events/nope`);
    expect(missing).toMatchObject({ status: 404, body: { detail: "Event not found (id='nope')" } });
    expect((await call(app, `/sessions/nope/events/${message.id}`)).status).toBe(404);
    const bad = await call(app, `/sessions/${session.id}/events/${message.id}?sse=maybe`);
    expect(bad.status).toBe(422);
  });

  it('edits event metadata', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app);
    const event = (
      await call(
        app,
        `/sessions/${session.id}/events`,
        send('POST', { kind: 'custom', source: 'customer_ui', data: { a: 1 }, metadata: { x: 1 } }),
      )
    ).body;
    const path = `/sessions/${session.id}/events/${event.id}`;
    const patched = await call(
      app,
      path,
      send('PATCH', { metadata: { set: { y: 2 }, unset: ['x'] } }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...event, metadata: { y: 2 } });
    expect((await call(app, path, send('PATCH', { metadata: { set: 5 } }))).status).toBe(422);
    expect((await call(app, path, send('PATCH', '{'))).status).toBe(422);
    expect((await call(app, `${path}x`, send('PATCH', { metadata: {} }))).status).toBe(404);
    expect((await call(app, path)).body.metadata).toEqual({ y: 2 });
  });

  it('deletes from the first event of a trace, keeping offsets increasing', async () => {
    const { app } = setup();
    const { session } = await agentAndSession(app);
    const path = `/sessions/${session.id}/events`;
    await say(app, session.id, 'one');
    const firstTurn = await pollUntilReply(app, session.id, 1);
    const second = await say(app, session.id, 'two');
    const secondTurn = await pollUntilReply(app, session.id, second.offset + 1);
    const lastOffset = secondTurn.at(-1).offset;

    const missing = await call(app, path, { method: 'DELETE' });
    expect(missing.status).toBe(422);
    expect(missing.body.detail[0]).toMatchObject({ loc: ['query', 'min_offset'], type: 'missing' });
    expect((await call(app, `${path}?min_offset=1.5`, { method: 'DELETE' })).status).toBe(422);

    const midTrace = await call(app, `${path}?min_offset=${firstTurn[1].offset}`, {
      method: 'DELETE',
    });
    expect(midTrace.status).toBe(422);
    expect(midTrace.body.detail).toContain('delete from offset 0 instead');
    expect((await call(app, `${path}?wait_for_data=0`)).body).toHaveLength(lastOffset + 1);

    const deleted = await call(app, `${path}?min_offset=${second.offset}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    const remaining = (await call(app, `${path}?wait_for_data=0`)).body;
    expect(remaining.map((e: { offset: number }) => e.offset)).toEqual(
      remaining.map((_: unknown, i: number) => i),
    );
    expect(remaining.at(-1).offset).toBe(second.offset - 1);
    const third = await say(app, session.id, 'three');
    expect(third.offset).toBe(lastOffset + 1);
    expect(
      (await call(app, `/sessions/nope/events?min_offset=0`, { method: 'DELETE' })).status,
    ).toBe(404);
  });
});
