import { describe, expect, it, vi } from 'vitest';
import { createConduct } from '../../src/conduct/create-conduct.js';
import { INTERRUPTED_TURN_MESSAGE } from '../../src/engine/interrupted-turn.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { ConductStore } from '../../src/store/ports.js';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { keywordStrategy } from '../../src/testing/test-strategies.js';
import { generateTraceId } from '../../src/util/ids.js';
import { sequence } from './harness.js';

/** An engine ("process") on a shared store, with its own scripted model. */
function engineOn(store: ConductStore, model = createScriptedModel()) {
  const conduct = createConduct({ store, model, strategies: [keywordStrategy()] });
  return { conduct, model, engine: conduct.engine };
}

async function sessionOn(store: ConductStore) {
  const agent = await store.agents.create({ name: 'Ava' });
  return store.sessions.create({ agentId: agent.id });
}

describe('engines sharing one store', () => {
  it('cancels a turn of one engine when a customer message lands on another', async () => {
    const store = createMemoryStore();
    const session = await sessionOn(store);
    const a = engineOn(store, createScriptedModel().on('compose', scripted.hang()));
    const b = engineOn(store, createScriptedModel().on('compose', 'one answer to both'));
    const first = await a.engine.postCustomerMessage(session.id, { message: 'my order is late' });
    await store.events.waitFor(
      session.id,
      { kinds: ['status'], traceId: first.event.traceId, minOffset: 2 },
      { timeoutMs: 2000 },
    );
    const second = await b.engine.postCustomerMessage(session.id, { message: 'order 4411' });
    expect((await first.turn).status).toBe('cancelled');
    const answered = await second.turn;
    expect(answered.status).toBe('answered');
    await Promise.all([a.engine.idle(session.id), b.engine.idle(session.id)]);
    const replies = await store.events.list(session.id, { kinds: ['message'], source: 'ai_agent' });
    expect(replies.map((reply) => reply.traceId)).toEqual([second.event.traceId]);
    expect(
      sequence(await store.events.list(session.id, { traceId: first.event.traceId })).slice(-2),
    ).toEqual(['status:cancelled', 'status:ready']);
    expect(b.model.calls.filter((call) => call.task === 'compose')).toHaveLength(1);
  });

  it('runs one turn per message: an engine that gets the lock after another answered skips', async () => {
    const store = createMemoryStore();
    const session = await sessionOn(store);
    const a = engineOn(store, createScriptedModel().on('compose', 'from a'));
    const b = engineOn(store, createScriptedModel().on('compose', 'from b'));
    const posted = await a.engine.postCustomerMessage(session.id, { message: 'hello' });
    // B is told to answer the same message (as crash recovery might): it finds it answered.
    const duplicate = b.engine.recoverUnfinishedTurns();
    expect((await posted.turn).status).toBe('answered');
    const recovered = await duplicate;
    const outcomes = await recovered.settled;
    expect(outcomes.every((outcome) => outcome.status !== 'failed')).toBe(true);
    const replies = await store.events.list(session.id, { kinds: ['message'], source: 'ai_agent' });
    expect(replies).toHaveLength(1);
  });
});

describe('crash recovery', () => {
  async function crashedSession(store: ConductStore) {
    const session = await sessionOn(store);
    const traceId = generateTraceId();
    // What a crash mid-turn leaves: the customer message, the turn's first statuses, no ready.
    const message = await store.events.append(session.id, {
      kind: 'message',
      source: 'customer',
      traceId,
      data: { message: 'where is my order?', participant: { id: null, display_name: 'Dee' } },
    });
    await store.events.append(session.id, {
      kind: 'status',
      source: 'ai_agent',
      traceId,
      data: { status: 'acknowledged', data: {} },
    });
    return { session, message };
  }

  it('resumes an interrupted turn, once', async () => {
    const store = createMemoryStore();
    const { session, message } = await crashedSession(store);
    const manual = await crashedSession(store);
    await store.sessions.update(manual.session.id, { mode: 'manual' });
    const { engine } = engineOn(store, createScriptedModel().on('compose', 'It ships today.'));
    const recovered = await engine.recoverUnfinishedTurns();
    expect(recovered.mode).toBe('resume');
    expect(recovered.turns).toEqual([
      {
        sessionId: session.id,
        eventId: message.id,
        offset: 0,
        traceId: message.traceId,
        createdAt: message.createdAt,
        cursor: expect.any(String),
        action: 'resume',
      },
    ]);
    expect((await recovered.settled).map((outcome) => outcome.status)).toEqual(['answered']);
    const events = await store.events.list(session.id, { traceId: message.traceId });
    expect(events.filter((e) => e.kind === 'message' && e.source === 'ai_agent')).toHaveLength(1);
    expect(sequence(events).at(-1)).toBe('status:ready');
    expect((await engine.recoverUnfinishedTurns()).turns).toEqual([]);
  });

  it('marks an interrupted turn with an error status and ready when asked to', async () => {
    const store = createMemoryStore();
    const { session, message } = await crashedSession(store);
    const { engine, model } = engineOn(store);
    const recovered = await engine.recoverUnfinishedTurns({ mode: 'mark' });
    expect((await recovered.settled).map((outcome) => outcome.status)).toEqual(['failed']);
    const events = await store.events.list(session.id, { traceId: message.traceId });
    expect(sequence(events).slice(-2)).toEqual(['status:error', 'status:ready']);
    const error = events.at(-2);
    expect(
      error?.kind === 'status' && error.data.status === 'error' && error.data.data.exception,
    ).toBe(INTERRUPTED_TURN_MESSAGE);
    expect(model.calls).toHaveLength(0);
    expect((await engine.recoverUnfinishedTurns()).turns).toEqual([]);
  });

  it('rejects an unknown mode', async () => {
    const { engine } = engineOn(createMemoryStore());
    await expect(engine.recoverUnfinishedTurns({ mode: 'retry' as never })).rejects.toThrow(
      /Unknown unfinished-turn mode 'retry'/,
    );
  });
});

describe('atomic turn commit', () => {
  it('writes neither the reply nor the state when the commit fails, and ends with an error', async () => {
    const store = createMemoryStore();
    const session = await sessionOn(store);
    const errors: unknown[] = [];
    const model = createScriptedModel().on('compose', 'a reply that must not appear alone');
    const conduct = createConduct({
      store,
      model,
      strategies: [keywordStrategy()],
      onError: (error) => errors.push(error),
    });
    // The commit itself fails after every write of the turn's end went through: all of them
    // must be rolled back.
    const transaction = store.transaction.bind(store);
    vi.spyOn(store, 'transaction').mockImplementationOnce((work) =>
      transaction(async (tx) => {
        await work(tx);
        throw new Error('disk full');
      }),
    );
    const posted = await conduct.engine.postCustomerMessage(session.id, { message: 'hi' });
    expect((await posted.turn).status).toBe('failed');
    await conduct.engine.idle(session.id);
    const events = await store.events.list(session.id);
    expect(events.filter((e) => e.kind === 'message' && e.source === 'ai_agent')).toEqual([]);
    expect(sequence(events).slice(-2)).toEqual(['status:error', 'status:ready']);
    expect((await store.sessions.get(session.id)).state.recentlyMatched).toEqual([]);
    expect(errors).toHaveLength(1);
    // The next turn works: nothing was left half-written.
    const next = await conduct.engine.postCustomerMessage(session.id, { message: 'again' });
    expect((await next.turn).status).toBe('answered');
  });

  it('shows a block reply only together with its ready', async () => {
    const store = createMemoryStore();
    const session = await sessionOn(store);
    const { engine } = engineOn(store, createScriptedModel().on('compose', 'Hello!'));
    const posted = await engine.postCustomerMessage(session.id, { message: 'hi' });
    const [reply] = await store.events.waitFor(
      session.id,
      { kinds: ['message'], source: 'ai_agent' },
      { timeoutMs: 2000 },
    );
    // The moment the reply is visible, its turn's ready is too.
    const after = await store.events.list(session.id, { minOffset: reply!.offset + 1 });
    expect(sequence(after)).toEqual(['status:ready']);
    expect((await posted.turn).status).toBe('answered');
  });
});
