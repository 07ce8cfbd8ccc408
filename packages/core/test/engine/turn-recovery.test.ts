import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConduct } from '../../src/conduct/create-conduct.js';
import type { Event } from '../../src/domain/event.js';
import { INTERRUPTED_TURN_MESSAGE } from '../../src/engine/interrupted-turn.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { ConductStore } from '../../src/store/ports.js';
import { createScriptedModel, type ScriptedModel } from '../../src/testing/scripted-model.js';
import { keywordStrategy } from '../../src/testing/test-strategies.js';
import { generateTraceId } from '../../src/util/ids.js';
import { sequence } from './harness.js';

type EngineOptions = Partial<Parameters<typeof createConduct>[0]>;

function engineOn(store: ConductStore, model: ScriptedModel, options: EngineOptions = {}) {
  return createConduct({ store, model, strategies: [keywordStrategy()], ...options }).engine;
}

/** A session whose customer message a crash left without a completed turn. */
async function crashedSession(store: ConductStore, agentId?: string) {
  const agent = agentId ?? (await store.agents.create({ name: 'Ava' })).id;
  const session = await store.sessions.create({ agentId: agent });
  const traceId = generateTraceId();
  const message = await store.events.append(session.id, {
    kind: 'message',
    source: 'customer',
    traceId,
    data: { message: 'where is my order?', participant: { id: null, display_name: 'Dee' } },
  });
  return { session, message };
}

/** A promise and the function that resolves it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

function exceptionOf(event: Event | undefined): string | undefined {
  return event?.kind === 'status' && event.data.status === 'error'
    ? event.data.data.exception
    : undefined;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('bounded crash recovery', () => {
  it('reads unfinished turns page by page and recovers every one', async () => {
    const store = createMemoryStore();
    const sessions = [];
    for (const _ of [1, 2, 3, 4, 5]) sessions.push((await crashedSession(store)).session);
    // Oldest session first: by creation time, then id.
    const crashed = sessions
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1))
      .map((session) => session.id);
    const list = vi.spyOn(store.events, 'listUnfinishedTurns');
    const engine = engineOn(store, createScriptedModel().on('compose', 'It ships today.'));
    const recovered = await engine.recoverUnfinishedTurns({ pageSize: 2 });
    expect(recovered.turns.map((turn) => turn.sessionId)).toEqual(crashed);
    expect(list.mock.calls.length).toBe(3);
    for (const [options] of list.mock.calls) expect(options?.limit).toBe(2);
    expect(list.mock.calls.slice(1).every(([options]) => options?.cursor !== undefined)).toBe(true);
    const outcomes = await recovered.settled;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(crashed.map(() => 'answered'));
  });

  it('runs at most `concurrency` recovered turns at once', async () => {
    const store = createMemoryStore();
    for (const _ of [1, 2, 3, 4, 5]) await crashedSession(store);
    let running = 0;
    let most = 0;
    const model = createScriptedModel().on('compose', async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running -= 1;
      return 'It ships today.';
    });
    const engine = engineOn(store, model, { unfinishedTurnsConcurrency: 2 });
    const recovered = await engine.recoverUnfinishedTurns();
    const outcomes = await recovered.settled;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(5).fill('answered'));
    expect(most).toBe(2);
  });

  it('marks, never resumes, a turn whose message is older than the max age', async () => {
    const store = createMemoryStore();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 3 * 24 * 60 * 60 * 1000);
    const old = await crashedSession(store);
    vi.useRealTimers();
    const fresh = await crashedSession(store);
    const model = createScriptedModel().on('compose', 'It ships today.');
    const engine = engineOn(store, model);
    const recovered = await engine.recoverUnfinishedTurns();
    expect(recovered.turns.map((turn) => [turn.sessionId, turn.action])).toEqual([
      [old.session.id, 'mark'],
      [fresh.session.id, 'resume'],
    ]);
    expect((await recovered.settled).map((outcome) => outcome.status)).toEqual([
      'failed',
      'answered',
    ]);
    const oldEvents = await store.events.list(old.session.id);
    expect(sequence(oldEvents)).toEqual(['message:customer', 'status:error', 'status:ready']);
    expect(exceptionOf(oldEvents[1])).toBe(INTERRUPTED_TURN_MESSAGE);
    expect(model.callsFor('compose')).toHaveLength(1);
    // Without an age limit (here from the engine's options), an old one is resumed.
    const other = createMemoryStore();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 3 * 24 * 60 * 60 * 1000);
    const late = await crashedSession(other);
    vi.useRealTimers();
    const patient = engineOn(other, model, { unfinishedTurnsMaxAgeMs: Number.POSITIVE_INFINITY });
    const resumed = await patient.recoverUnfinishedTurns();
    expect(resumed.turns.map((turn) => [turn.sessionId, turn.action])).toEqual([
      [late.session.id, 'resume'],
    ]);
    expect((await resumed.settled)[0]?.status).toBe('answered');
  });

  it('rejects invalid recovery settings', async () => {
    const engine = engineOn(createMemoryStore(), createScriptedModel());
    await expect(engine.recoverUnfinishedTurns({ concurrency: 0 })).rejects.toThrow(
      /Invalid unfinished-turn concurrency 0/,
    );
    await expect(engine.recoverUnfinishedTurns({ maxAgeMs: -1 })).rejects.toThrow(
      /Invalid unfinished-turn max age -1/,
    );
    await expect(engine.recoverUnfinishedTurns({ pageSize: 1.5 })).rejects.toThrow(
      /Invalid unfinished-turn page size 1.5/,
    );
  });

  it('never cancels a turn for a newer message when a recovered turn starts late', async () => {
    const store = createMemoryStore();
    const sessions = [await crashedSession(store), await crashedSession(store)] as const;
    const firstRelease = gate();
    const liveRelease = gate();
    const model = createScriptedModel().queue(
      'compose',
      async () => {
        await firstRelease.opened;
        return 'First session: it ships today.';
      },
      async () => {
        await liveRelease.opened;
        return 'Second session: both answered.';
      },
    );
    const engine = engineOn(store, model, { unfinishedTurnsConcurrency: 1 });
    const recovered = await engine.recoverUnfinishedTurns();
    await vi.waitFor(() => expect(model.callsFor('compose')).toHaveLength(1));
    // Both messages were stored in the same instant, so either session may be listed first:
    // the one recovering now is `first`, the one waiting for the concurrency bound `second`.
    const recovering = model.callsFor('compose')[0]?.traceId;
    const [first, second] =
      recovering === sessions[0].message.traceId ? sessions : [sessions[1], sessions[0]];
    expect(first.message.traceId).toBe(recovering);
    // While the first session recovers, the customer of the second writes again.
    const posted = await engine.postCustomerMessage(second.session.id, { message: 'hello?' });
    await vi.waitFor(() => expect(model.callsFor('compose')).toHaveLength(2));
    firstRelease.open();
    // The second session's recovered turn is now scheduled: it must wait, not take over.
    await new Promise((resolve) => setTimeout(resolve, 30));
    liveRelease.open();
    expect((await posted.turn).status).toBe('answered');
    const outcomes = await recovered.settled;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['answered', 'superseded']);
    const replies = await store.events.list(second.session.id, {
      kinds: ['message'],
      source: 'ai_agent',
    });
    expect(replies.map((reply) => reply.traceId)).toEqual([posted.event.traceId]);
    expect(first.message.offset).toBe(0);
  });
});

describe('closing a turn without running it', () => {
  it('leaves a session a human took over before the mark ran: no error, no ready', async () => {
    const store = createMemoryStore();
    const { session } = await crashedSession(store);
    const held = gate();
    const taken = gate();
    const holder = store.sessionLocks.withSessionLock(session.id, async () => {
      taken.open();
      await held.opened;
    });
    await taken.opened;
    const engine = engineOn(store, createScriptedModel());
    const recovered = await engine.recoverUnfinishedTurns({ mode: 'mark' });
    // Listed while in auto mode; switched to manual before the mark could run.
    await store.sessions.update(session.id, { mode: 'manual' });
    held.open();
    await holder;
    expect((await recovered.settled).map((outcome) => outcome.status)).toEqual(['silent']);
    expect(sequence(await store.events.list(session.id))).toEqual(['message:customer']);
  });

  it('ends a turn whose session lock failed with error then ready', async () => {
    const store = createMemoryStore();
    const failing: ConductStore = {
      ...store,
      sessionLocks: {
        withSessionLock: () => Promise.reject(new Error('connection refused')),
      },
    };
    const errors: unknown[] = [];
    const engine = engineOn(failing, createScriptedModel().on('compose', 'never'), {
      onError: (error) => errors.push(error),
    });
    const agent = await store.agents.create({ name: 'Ava' });
    const session = await store.sessions.create({ agentId: agent.id });
    const posted = await engine.postCustomerMessage(session.id, { message: 'hi' });
    expect((await posted.turn).status).toBe('failed');
    const events = await store.events.list(session.id, { traceId: posted.event.traceId });
    expect(sequence(events)).toEqual(['message:customer', 'status:error', 'status:ready']);
    expect(exceptionOf(events[1])).toMatch(/^SessionLockError: .*connection refused/);
    expect(errors).toHaveLength(1);
    // Nothing waits any more: the message counts as handled.
    expect(await store.events.listUnfinishedTurns()).toEqual([]);

    // In manual mode, the engine writes nothing, lock or not.
    const manual = await store.sessions.create({ agentId: agent.id, mode: 'manual' });
    const quiet = await engine.postCustomerMessage(manual.id, { message: 'hi' });
    await quiet.turn;
    expect(sequence(await store.events.list(manual.id))).toEqual(['message:customer']);
  });
});

describe('recovery and after-reply work', () => {
  it("a recovered turn does not wait for another session's response analysis", async () => {
    const store = createMemoryStore();
    const agent = await store.agents.create({ name: 'Ava' });
    await store.guidelines.create({
      condition: 'the customer asks where the order is',
      action: 'say it ships today',
      tags: [`agent:${agent.id}`],
    });
    const first = await crashedSession(store, agent.id);
    // Unfinished turns are recovered oldest first: a later instant makes the order certain.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await crashedSession(store, agent.id);
    const analysis = gate();
    const analyzed: string[] = [];
    const engine = engineOn(store, createScriptedModel().on('compose', 'It ships today.'), {
      unfinishedTurnsConcurrency: 1,
      responseAnalyzer: {
        async analyze({ context, guidelines }) {
          // The first session's analysis is held until the second session's turn answered.
          if (context.session.id === first.session.id) await analysis.opened;
          analyzed.push(context.session.id);
          return { appliedGuidelineIds: guidelines.map((guideline) => guideline.id) };
        },
      },
    });
    const recovered = await engine.recoverUnfinishedTurns();
    expect(recovered.turns.map((turn) => turn.sessionId)).toEqual([
      first.session.id,
      second.session.id,
    ]);
    const opening = setTimeout(analysis.open, 1000);
    const outcomes = await recovered.settled;
    // The second session's after-reply work finishes while the first's is still held.
    await engine.idle(second.session.id);
    clearTimeout(opening);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['answered', 'answered']);
    expect(analyzed).toEqual([second.session.id]);
    analysis.open();
    await engine.close();
    expect(analyzed).toEqual([second.session.id, first.session.id]);
  });
});
