import { type ConductStore, createConduct, type Event, type SessionLockPort } from '@conduct/core';
import { isFinalReady } from '@conduct/core/internal';
import { createScriptedModel, keywordStrategy, scripted } from '@conduct/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, type PostgresStore } from '../src/index.js';

/** Locks that lock nothing: the "process" that crashes must not keep the session from the next. */
const noLocks: SessionLockPort = {
  withSessionLock: (sessionId, work) => work({ sessionId, signal: new AbortController().signal }),
};

function engineOn(
  store: ConductStore,
  compose: Parameters<ReturnType<typeof createScriptedModel>['on']>[1],
) {
  const model = createScriptedModel().on('compose', compose);
  return createConduct({ store, model, strategies: [keywordStrategy()] }).engine;
}

/** A stream-mode turn killed after two deltas of its reply: the engine is abandoned, never closed. */
async function crashMidStream(store: ConductStore) {
  const agent = await store.agents.create({ name: 'Ava', outputMode: 'stream' });
  const session = await store.sessions.create({ agentId: agent.id });
  const crashing = engineOn({ ...store, sessionLocks: noLocks }, [
    'I can ',
    'help with ',
    scripted.hang(),
  ]);
  const posted = await crashing.postCustomerMessage(session.id, { message: 'where is my order?' });
  for (let tries = 0; ; tries += 1) {
    const events = await store.events.list(session.id, { kinds: ['message'], source: 'ai_agent' });
    if (events.some((e) => e.kind === 'message' && e.data.message === 'I can help with ')) break;
    if (tries > 400) throw new Error('the reply never started streaming');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { session, traceId: posted.event.traceId };
}

/** The listed agent messages up to the trace's first final ready: what a client shows. */
function answerOf(trace: readonly Event[]): string[] {
  const end = trace.findIndex(isFinalReady);
  expect(end).toBeGreaterThanOrEqual(0);
  return trace
    .slice(0, end)
    .flatMap((e) => (e.kind === 'message' && e.source === 'ai_agent' ? [e.data.message] : []));
}

describe('one answer per trace, on PGlite', () => {
  let store: PostgresStore;
  beforeAll(async () => {
    store = await createPostgresStore();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  for (const mode of ['resume', 'mark'] as const) {
    it(`${mode}: withdraws the reply a crash cut off; one final ready in the trace`, async () => {
      const { session, traceId } = await crashMidStream(store);
      const recovered = await engineOn(store, 'Your order ships today.').recoverUnfinishedTurns({
        mode,
      });
      const settled = await recovered.settled;
      const own = recovered.turns.findIndex((turn) => turn.sessionId === session.id);
      expect(settled[own]?.status).toBe(mode === 'resume' ? 'answered' : 'failed');
      const trace = await store.events.list(session.id, { traceId });
      expect(trace.filter(isFinalReady)).toHaveLength(1);
      expect(answerOf(trace)).toEqual(mode === 'resume' ? ['Your order ships today.'] : []);
      const withdrawn = (await store.events.list(session.id, { includeDeleted: true })).filter(
        (e) => e.deleted,
      );
      expect(withdrawn.map((e) => e.kind === 'message' && e.data)).toEqual([
        expect.objectContaining({ message: 'I can help with ', superseded: true }),
      ]);
      expect((await store.events.listUnfinishedTurns()).map((t) => t.sessionId)).not.toContain(
        session.id,
      );
    }, 30_000);
  }
});
