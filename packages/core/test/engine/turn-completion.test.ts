import { describe, expect, it } from 'vitest';
import { createConduct } from '../../src/conduct/create-conduct.js';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { alwaysPreamble } from '../../src/engine/preamble.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { ConductStore } from '../../src/store/ports.js';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel, type ScriptedModel } from '../../src/testing/scripted-model.js';
import { matchAllStrategy } from '../../src/testing/test-strategies.js';
import { sequence } from './harness.js';

/** Matches nothing, but only once the turn's preamble (and its `ready {}`) is in the log. */
function afterPreamble(store: ConductStore): MatchingStrategy {
  return {
    name: 'after-preamble',
    handles: () => true,
    evaluate: async (guidelines, context) => {
      await store.events.waitFor(
        context.session.id,
        { kinds: ['status'], traceId: context.traceId, minOffset: 1 },
        { timeoutMs: 2000, signal: context.signal },
      );
      const statuses = await store.events.list(context.session.id, { traceId: context.traceId });
      if (!sequence(statuses).includes('status:ready')) {
        await store.events.waitFor(
          context.session.id,
          { kinds: ['status'], minOffset: statuses.length + 1 },
          { timeoutMs: 2000, signal: context.signal },
        );
      }
      return { verdicts: guidelines.map((g) => ({ guidelineId: g.id, matched: false })) };
    },
  };
}

async function preambleSession(model: ScriptedModel) {
  const store = createMemoryStore();
  const conduct = createConduct({
    store,
    model,
    strategies: [afterPreamble(store)],
    preamble: alwaysPreamble,
  });
  const agent = await conduct.agents.create({ name: 'Ava' });
  await agent.guidelines.create({ condition: 'the customer asks anything', action: 'answer' });
  const session = await agent.createSession();
  return { store, conduct, session };
}

describe('a completed turn (crash recovery and the turn gate)', () => {
  it('does not count the preamble’s ready: a turn a shutdown cancelled after it is resumed', async () => {
    const model = createScriptedModel()
      .on('preamble', 'One moment.')
      .on('compose', scripted.hang());
    const { store, conduct, session } = await preambleSession(model);
    const posted = await conduct.engine.postCustomerMessage(session.id, { message: 'hi' });
    await store.events.waitFor(
      session.id,
      { kinds: ['status'], traceId: posted.event.traceId, minOffset: 4 },
      { timeoutMs: 2000 },
    );
    await conduct.engine.close();
    expect((await posted.turn).status).toBe('cancelled');
    const events = await store.events.list(session.id);
    expect(sequence(events)).toContain('message:ai_agent');
    expect((await store.events.latestCustomerMessage(session.id))?.completed).toBe(false);
    expect((await store.events.listUnfinishedTurns()).map((turn) => turn.sessionId)).toEqual([
      session.id,
    ]);

    // The next start resumes it, and its reply is the real one, not the preamble.
    const restarted = createConduct({
      store,
      model: createScriptedModel().on('compose', 'Here is the answer.'),
      strategies: [matchAllStrategy()],
    });
    const recovered = await restarted.engine.recoverUnfinishedTurns();
    const [outcome] = await recovered.settled;
    expect(outcome?.status).toBe('answered');
    const reply = await store.events.get(session.id, outcome?.replyEventId ?? '');
    expect(reply.kind === 'message' && reply.data.message).toBe('Here is the answer.');
  });

  it('does not resume a message a human answered while the session was in manual mode', async () => {
    const store = createMemoryStore();
    const model = createScriptedModel().on('compose', 'an answer nobody needs');
    const conduct = createConduct({ store, model, strategies: [matchAllStrategy()] });
    const agent = await conduct.agents.create({ name: 'Ava' });
    const session = await agent.createSession();
    await store.sessions.update(session.id, { mode: 'manual' });
    const posted = await conduct.engine.postCustomerMessage(session.id, { message: 'a human?' });
    expect((await posted.turn).status).toBe('silent');
    await store.events.append(session.id, {
      kind: 'message',
      source: 'human_agent_on_behalf_of_ai_agent',
      traceId: posted.event.traceId,
      data: { message: 'Sam here, all sorted.', participant: { id: 'sam', display_name: 'Sam' } },
    });
    await store.sessions.update(session.id, { mode: 'auto' });
    const recovered = await conduct.engine.recoverUnfinishedTurns();
    expect(recovered.turns).toEqual([]);
    expect(model.calls).toHaveLength(0);
  });
});
