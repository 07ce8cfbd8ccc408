import type { Event } from '@conduct/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, type PostgresStore } from '../src/index.js';

describe('an event update racing a delete (PGlite)', () => {
  let store: PostgresStore;
  beforeAll(async () => {
    store = await createPostgresStore();
  }, 120_000);
  afterAll(async () => {
    await store.close();
  });

  it('never brings a deleted event back: a streamed delta read before the delete keeps it deleted', async () => {
    const agent = await store.agents.create({ name: 'Ava' });
    const session = await store.sessions.create({ agentId: agent.id });
    const participant = { id: agent.id, display_name: 'Ava' };
    const reply = await store.events.append(session.id, {
      kind: 'message',
      source: 'ai_agent',
      traceId: 'a'.repeat(32),
      data: { message: 'I can', participant, chunks: ['I can'] },
    });
    // The update reads the event, then a client deletes the session's events, then the update
    // writes: the interleaving of a reply streaming while `DELETE …/events` runs.
    const events = store.events as unknown as {
      get(sessionId: string, eventId: string): Promise<Event>;
    };
    const read = events.get.bind(store.events);
    let deleteOnce = true;
    events.get = async (sessionId, eventId) => {
      const current = await read(sessionId, eventId);
      if (deleteOnce) {
        deleteOnce = false;
        await store.events.deleteFrom(session.id, 0);
      }
      return current;
    };
    try {
      const updated = await store.events.update(session.id, reply.id, {
        data: { message: 'I can help', participant, chunks: ['I can', ' help'] },
      });
      expect(updated.deleted).toBe(true);
    } finally {
      events.get = read;
    }
    expect(await store.events.list(session.id)).toEqual([]);
    expect((await store.events.get(session.id, reply.id)).data).toMatchObject({
      message: 'I can help',
    });
  });
});
