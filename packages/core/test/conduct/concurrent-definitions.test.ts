import { describe, expect, it } from 'vitest';
import { type Conduct, createConduct } from '../../src/conduct/create-conduct.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { ConductStore } from '../../src/store/ports.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { keywordStrategy } from '../../src/testing/test-strategies.js';
import { testStepper } from '../journeys/harness.js';

/** A setup script touching every kind of definition the code-first API stores. */
async function setup(conduct: Conduct): Promise<void> {
  const agent = await conduct.agents.create({ id: 'support', name: 'Ava' });
  await agent.terms.create({ name: 'Order', description: 'a purchase' });
  await agent.variables.create({ name: 'tier' });
  await agent.capabilities.create({ title: 'Refunds', description: 'refunds orders' });
  await agent.cannedResponses.create({ value: 'Let me check that.' });
  await agent.cannedResponses.setNoMatchReply('Sorry, I cannot help with that.');
  const refund = await agent.guidelines.create({
    condition: 'the customer asks for a refund',
    action: 'check the order status first',
  });
  const angry = await agent.guidelines.create({ condition: 'the customer is angry' });
  await angry.entails(refund);
  const journey = await agent.journeys.create({
    title: 'Return',
    triggers: ['the customer wants to return an item'],
    states: [
      { id: 'ask', type: 'chat', instruction: 'ask for the order number' },
      { id: 'done', type: 'chat', instruction: 'confirm the return' },
    ],
    transitions: [{ from: 'ask', to: 'done' }],
  });
  await journey.guidelines.create({ condition: 'the customer hesitates', action: 'reassure' });
  await refund.requires(journey);
}

const DEFINED = [
  'agents',
  'guidelines',
  'relationships',
  'journeys',
  'terms',
  'variables',
  'capabilities',
  'cannedResponses',
] as const;

/**
 * The store with the worst interleaving of `racers` setups made certain: every lookup of an
 * entity (and the journeys listing that `journeys.create` reads) waits until every racer made
 * the same lookup (or a racer is overdue), so all of them see "missing" and all of them create.
 */
function racingStore(store: ConductStore, racers: number): ConductStore {
  const arrivals = new Map<string, { count: number; all: Promise<void>; release: () => void }>();
  const barrier = async (key: string) => {
    let entry = arrivals.get(key);
    if (entry === undefined) {
      let release!: () => void;
      const all = new Promise<void>((resolve) => {
        release = resolve;
      });
      entry = { count: 0, all, release };
      arrivals.set(key, entry);
      // A racer that failed never arrives: the others go on without it.
      setTimeout(release, 200);
    }
    entry.count += 1;
    if (entry.count === racers) entry.release();
    await entry.all;
  };
  const racing: Record<string, unknown> = { ...store };
  for (const name of DEFINED) {
    const entities = store[name] as unknown as Record<string, (...args: unknown[]) => unknown>;
    racing[name] = new Proxy(entities, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'find' && !(name === 'journeys' && property === 'list')) return value;
        return async (...args: unknown[]) => {
          await barrier(`${name}.${String(property)}:${String(args[0])}`);
          return (value as (...args: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
  return racing as unknown as ConductStore;
}

/** Setups of several instances ("processes") on one store, each with its own Conduct. */
function instanceOn(store: ConductStore): Conduct {
  return createConduct({
    store,
    model: createScriptedModel(),
    strategies: [keywordStrategy()],
    journeyStepper: testStepper,
  });
}

async function counts(store: ConductStore) {
  return {
    agents: (await store.agents.list()).length,
    guidelines: (await store.guidelines.list()).length,
    relationships: (await store.relationships.list()).length,
    journeys: (await store.journeys.list()).length,
    terms: (await store.terms.list()).length,
    variables: (await store.variables.list()).length,
    capabilities: (await store.capabilities.list()).length,
    cannedResponses: (await store.cannedResponses.list()).length,
  };
}

// Every definition is now one transaction of the behavior-model service, and the memory store
// runs transactions one at a time: here racers meet only between definitions. Racing
// transactions on a shared database: store-postgres's pg-concurrent-sync test.
describe('the code-first API run by several instances at once', () => {
  it('defines everything once when setups race on one store (a lost create becomes an update)', async () => {
    const alone = createMemoryStore();
    await setup(instanceOn(alone));

    const shared = createMemoryStore();
    const racing = racingStore(shared, 3);
    const results = await Promise.allSettled([0, 1, 2].map(() => setup(instanceOn(racing))));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(await counts(shared)).toEqual(await counts(alone));
    expect(await counts(shared)).toEqual({
      agents: 1,
      guidelines: 3,
      relationships: 2,
      journeys: 1,
      terms: 1,
      variables: 1,
      capabilities: 1,
      cannedResponses: 2,
    });
  });
});
