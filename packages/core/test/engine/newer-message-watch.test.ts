import { describe, expect, it } from 'vitest';
import { createConduct } from '../../src/conduct/create-conduct.js';
import type { EventStore } from '../../src/store/event-store.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { ConductStore } from '../../src/store/ports.js';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { keywordStrategy } from '../../src/testing/test-strategies.js';
import { sequence } from './harness.js';

/** The store as one process sees it: its first wait for a customer message fails. */
function withFailingWatch(store: ConductStore): { store: ConductStore; failures: () => number } {
  let failures = 0;
  const events = new Proxy(store.events, {
    get(target, property) {
      if (property !== 'waitFor') return Reflect.get(target, property, target);
      const waitFor: EventStore['waitFor'] = (sessionId, filter, options) => {
        if (filter.source === 'customer' && failures === 0) {
          failures += 1;
          return Promise.reject(new Error('connection reset while waiting'));
        }
        return target.waitFor(sessionId, filter, options);
      };
      return waitFor;
    },
  });
  return { store: { ...store, events }, failures: () => failures };
}

describe("a turn's watch for newer customer messages", () => {
  it('survives a failed wait: a message posted on another engine still cancels the turn', async () => {
    const shared = createMemoryStore();
    const agent = await shared.agents.create({ name: 'Ava' });
    const session = await shared.sessions.create({ agentId: agent.id });
    const flaky = withFailingWatch(shared);
    const a = createConduct({
      store: flaky.store,
      model: createScriptedModel().on('compose', scripted.hang()),
      strategies: [keywordStrategy()],
    });
    const bModel = createScriptedModel().on('compose', 'one answer to both');
    const b = createConduct({ store: shared, model: bModel, strategies: [keywordStrategy()] });
    const first = await a.engine.postCustomerMessage(session.id, { message: 'my order is late' });
    await shared.events.waitFor(
      session.id,
      { kinds: ['status'], traceId: first.event.traceId, minOffset: 2 },
      { timeoutMs: 2000 },
    );
    expect(flaky.failures()).toBe(1);
    const second = await b.engine.postCustomerMessage(session.id, { message: 'order 4411' });
    expect((await first.turn).status).toBe('cancelled');
    expect((await second.turn).status).toBe('answered');
    await Promise.all([a.engine.idle(session.id), b.engine.idle(session.id)]);
    const replies = await shared.events.list(session.id, {
      kinds: ['message'],
      source: 'ai_agent',
    });
    expect(replies.map((reply) => reply.traceId)).toEqual([second.event.traceId]);
    expect(
      sequence(await shared.events.list(session.id, { traceId: first.event.traceId })).slice(-2),
    ).toEqual(['status:cancelled', 'status:ready']);
    // The decision record of the cancelled turn says what went wrong.
    const [record] = await shared.turns.list(session.id, { traceId: first.event.traceId });
    expect(record?.errors).toContainEqual(
      expect.objectContaining({
        stage: 'watch for newer messages',
        message: 'connection reset while waiting',
      }),
    );
  });
});
