import { describe, expect, it } from 'vitest';
import { createConduct } from '../../src/conduct/create-conduct.js';
import type { Event } from '../../src/domain/event.js';
import { INTERRUPTED_TURN_MESSAGE } from '../../src/engine/interrupted-turn.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { ConductStore } from '../../src/store/ports.js';
import type { SessionLockPort } from '../../src/store/session-locks.js';
import { isFinalReady } from '../../src/store/turn-completion.js';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel, type ScriptedModel } from '../../src/testing/scripted-model.js';
import { keywordStrategy } from '../../src/testing/test-strategies.js';
import { sequence } from './harness.js';

function engineOn(store: ConductStore, model: ScriptedModel) {
  return createConduct({ store, model, strategies: [keywordStrategy()] }).engine;
}

/** Locks that lock nothing: the "process" that crashes must not keep the session from the next. */
const noLocks: SessionLockPort = {
  withSessionLock: (sessionId, work) => work({ sessionId, signal: new AbortController().signal }),
};

/**
 * A turn that dies mid-turn, as a killed process leaves it: the engine runs until the model
 * hangs — in `stream` mode after two deltas of the reply, in `block` mode while composing — and
 * is then abandoned (never closed).
 */
async function crashMidReply(store: ConductStore, outputMode: 'stream' | 'block') {
  const agent = await store.agents.create({ name: 'Ava', outputMode });
  const session = await store.sessions.create({ agentId: agent.id });
  const model = createScriptedModel().on(
    'compose',
    outputMode === 'stream' ? ['I can ', 'help with ', scripted.hang()] : scripted.hang(),
  );
  const crashing = engineOn({ ...store, sessionLocks: noLocks }, model);
  const posted = await crashing.postCustomerMessage(session.id, { message: 'where is my order?' });
  const traceId = posted.event.traceId;
  const reached = (events: Event[]) =>
    outputMode === 'stream'
      ? events.some(
          (e) =>
            e.kind === 'message' &&
            e.source === 'ai_agent' &&
            e.data.message === 'I can help with ',
        )
      : events.some((e) => e.kind === 'status' && e.data.status === 'typing');
  for (let tries = 0; !reached(await store.events.list(session.id)); tries += 1) {
    if (tries > 200) throw new Error('the turn never reached its reply');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { session, traceId };
}

/** What a client following the rule gets: the listed agent messages up to the first final ready. */
function answerOf(trace: readonly Event[]): string[] {
  const end = trace.findIndex(isFinalReady);
  expect(end, 'the trace has a final ready').toBeGreaterThanOrEqual(0);
  return trace
    .slice(0, end)
    .flatMap((e) => (e.kind === 'message' && e.source === 'ai_agent' ? [e.data.message] : []));
}

const finalReadies = (trace: readonly Event[]) => trace.filter(isFinalReady).length;

describe('one answer per trace after an interrupted stream-mode reply', () => {
  it('resume: the cut-off reply is withdrawn (superseded, deleted), one final ready, one reply', async () => {
    const store = createMemoryStore();
    const { session, traceId } = await crashMidReply(store, 'stream');
    const model = createScriptedModel().on('compose', 'Your order ships today.');
    const recovered = await engineOn(store, model).recoverUnfinishedTurns({ mode: 'resume' });
    expect((await recovered.settled).map((outcome) => outcome.status)).toEqual(['answered']);

    const trace = await store.events.list(session.id, { traceId });
    expect(finalReadies(trace)).toBe(1);
    expect(answerOf(trace)).toEqual(['Your order ships today.']);
    expect(isFinalReady(trace.at(-1) as Event)).toBe(true);
    const all = await store.events.list(session.id, { traceId, includeDeleted: true });
    const cut = all.filter((e) => e.deleted);
    expect(cut).toHaveLength(1);
    expect(cut[0]?.kind === 'message' && cut[0].data).toMatchObject({
      message: 'I can help with ',
      chunks: ['I can ', 'help with '],
      superseded: true,
    });
    // The resumed reply was composed without the fragment in the conversation.
    const prompt = JSON.stringify(model.callsFor('compose')[0]?.attempts[0]?.messages);
    expect(prompt).toContain('where is my order?');
    expect(prompt).not.toContain('I can help with');
  });

  it('mark: the cut-off reply is withdrawn too; the trace ends error, ready', async () => {
    const store = createMemoryStore();
    const { session, traceId } = await crashMidReply(store, 'stream');
    const recovered = await engineOn(store, createScriptedModel()).recoverUnfinishedTurns({
      mode: 'mark',
    });
    expect((await recovered.settled).map((outcome) => outcome.status)).toEqual(['failed']);
    const trace = await store.events.list(session.id, { traceId });
    expect(finalReadies(trace)).toBe(1);
    expect(answerOf(trace)).toEqual([]);
    expect(sequence(trace).slice(-2)).toEqual(['status:error', 'status:ready']);
    const error = trace.at(-2);
    expect(error?.kind === 'status' && error.data.status === 'error' && error.data.data).toEqual({
      exception: INTERRUPTED_TURN_MESSAGE,
    });
    const withdrawn = (await store.events.list(session.id, { includeDeleted: true })).filter(
      (e) => e.deleted,
    );
    expect(withdrawn.map((e) => e.kind === 'message' && e.data.superseded)).toEqual([true]);
  });

  it('block mode is unaffected: nothing was written to withdraw, one reply, one final ready', async () => {
    const store = createMemoryStore();
    const { session, traceId } = await crashMidReply(store, 'block');
    const model = createScriptedModel().on('compose', 'Your order ships today.');
    const recovered = await engineOn(store, model).recoverUnfinishedTurns({ mode: 'resume' });
    expect((await recovered.settled).map((outcome) => outcome.status)).toEqual(['answered']);
    const trace = await store.events.list(session.id, { traceId, includeDeleted: true });
    expect(trace.filter((e) => e.deleted)).toEqual([]);
    expect(finalReadies(trace)).toBe(1);
    expect(answerOf(trace)).toEqual(['Your order ships today.']);
  });
});

describe('one final ready per trace after a graceful shutdown', () => {
  for (const mode of ['resume', 'mark'] as const) {
    it(`${mode}: the stopped attempt writes no cancelled/ready; the next start writes the only final ready`, async () => {
      const store = createMemoryStore();
      const agent = await store.agents.create({ name: 'Ava' });
      const session = await store.sessions.create({ agentId: agent.id });
      const first = engineOn(store, createScriptedModel().on('compose', scripted.hang()));
      const posted = await first.postCustomerMessage(session.id, { message: 'where is my order?' });
      const { traceId } = posted.event;
      await store.events.waitFor(
        session.id,
        { kinds: ['status'], traceId, minOffset: 3 },
        { timeoutMs: 2000 },
      );
      await first.close();
      expect((await posted.turn).status).toBe('cancelled');
      const stopped = sequence(await store.events.list(session.id, { traceId }));
      expect(stopped).not.toContain('status:cancelled');
      expect(stopped).not.toContain('status:ready');
      expect((await store.events.listUnfinishedTurns()).map((turn) => turn.sessionId)).toEqual([
        session.id,
      ]);

      const model = createScriptedModel().on('compose', 'Your order ships today.');
      const recovered = await engineOn(store, model).recoverUnfinishedTurns({ mode });
      await recovered.settled;
      const trace = await store.events.list(session.id, { traceId });
      expect(finalReadies(trace)).toBe(1);
      expect(answerOf(trace)).toEqual(mode === 'resume' ? ['Your order ships today.'] : []);
      expect(await store.events.listUnfinishedTurns()).toEqual([]);
      // The decision record still tells the stopped attempt apart.
      const records = await store.turns.list(session.id);
      expect(records.map((record) => record.status)).toContain('cancelled');
    });
  }
});
