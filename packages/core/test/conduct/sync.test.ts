import { describe, expect, it } from 'vitest';
import { type Conduct, createConduct } from '../../src/conduct/create-conduct.js';
import { describeAgentPlan } from '../../src/conduct/sync-plan.js';
import { createMemoryStore } from '../../src/store/memory/memory-store.js';
import type { ConductStore } from '../../src/store/ports.js';
import { behaviorSnapshot } from '../../src/testing/behavior-snapshot.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { keywordStrategy } from '../../src/testing/test-strategies.js';

const conductOn = (store: ConductStore) =>
  createConduct({ store, model: createScriptedModel(), strategies: [keywordStrategy()] });

interface Version {
  refundAction: string;
  angryAction: string;
  greeting: boolean;
}

/** An agent module whose content depends on `version`. */
const module = (version: Version) => async (conduct: Conduct) => {
  const agent = await conduct.agents.create({ id: 'shop', name: 'Shopkeeper' });
  const refunds = await agent.guidelines.create({
    title: 'Refunds',
    condition: 'the customer asks for a refund',
    action: version.refundAction,
  });
  const angry = await agent.guidelines.create({
    condition: 'the customer is angry',
    action: version.angryAction,
  });
  await angry.entails(refunds);
  if (version.greeting) {
    const greeting = await agent.guidelines.create({
      title: 'Greeting',
      condition: 'the customer says hello',
      action: 'greet them',
    });
    await greeting.overrides(angry);
  }
};

const V1: Version = {
  refundAction: 'explain the policy',
  angryAction: 'apologize',
  greeting: true,
};

const conditions = async (store: ConductStore) =>
  (await store.guidelines.list())
    .map((guideline) => `${guideline.condition} → ${guideline.action}`)
    .sort();

describe('conduct.sync reconciles the stored model to what the code defines', () => {
  it('adds everything the first time, and nothing the second', async () => {
    const store = createMemoryStore();
    const first = await conductOn(store).sync(module(V1));
    expect(first.agents.map(describeAgentPlan)).toEqual([
      'shop: +1 agent, +3 guidelines, +2 relationships',
    ]);
    const again = await conductOn(store).sync(module(V1));
    expect(again.agents.map(describeAgentPlan)).toEqual(['shop: no changes']);
  });

  it('updates a reworded guideline with a title in place, replaces one without', async () => {
    const store = createMemoryStore();
    await conductOn(store).sync(module(V1));
    const before = new Set((await store.guidelines.list()).map((guideline) => guideline.id));
    const plan = await conductOn(store).sync(
      module({ ...V1, refundAction: 'explain the 30-day policy', angryAction: 'apologize once' }),
    );
    const [shop] = plan.agents;
    expect(describeAgentPlan(shop!)).toBe(
      'shop: +1 guideline, +2 relationships; ~1 guideline changed; −1 guideline, −2 relationships removed',
    );
    expect(shop?.hints).toEqual([
      'shop: guidelines without an id or title are identified by their wording, so an edit shows as removed + added ("the customer is angry"): give them an `id` to update them in place',
    ]);
    expect(await conditions(store)).toEqual([
      'the customer asks for a refund → explain the 30-day policy',
      'the customer is angry → apologize once',
      'the customer says hello → greet them',
    ]);
    const refunds = (await store.guidelines.list()).find((g) => g.title === 'Refunds');
    expect(before.has(refunds!.id)).toBe(true);
    // The relationships follow the replaced guideline; none point at what is gone.
    expect(await store.relationships.list()).toHaveLength(2);
  });

  it('deletes what the code no longer defines, with its relationships', async () => {
    const store = createMemoryStore();
    await conductOn(store).sync(module(V1));
    const plan = await conductOn(store).sync(module({ ...V1, greeting: false }));
    expect(plan.agents.map(describeAgentPlan)).toEqual([
      'shop: −1 guideline, −1 relationship removed',
    ]);
    expect(await conditions(store)).toEqual([
      'the customer asks for a refund → explain the policy',
      'the customer is angry → apologize',
    ]);
    expect(await store.relationships.list()).toHaveLength(1);
  });

  it('never touches what was created over the API', async () => {
    const store = createMemoryStore();
    const conduct = conductOn(store);
    await conduct.sync(module(V1));
    await conduct.model.guidelines.create({
      id: 'from-api',
      condition: 'the customer asks for the manager',
      action: 'say the manager is out',
      tags: ['agent:shop'],
    });
    await conductOn(store).sync(module({ ...V1, greeting: false, angryAction: 'apologize twice' }));
    expect(await store.guidelines.find('from-api')).toMatchObject({ owner: null });
  });

  it('computes the plan without writing on a dry run', async () => {
    const store = createMemoryStore();
    await conductOn(store).sync(module(V1));
    const before = await behaviorSnapshot(store);
    const plan = await conductOn(store).sync(module({ ...V1, greeting: false }), { dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.agents.map(describeAgentPlan)).toEqual([
      'shop: −1 guideline, −1 relationship removed',
    ]);
    expect(await behaviorSnapshot(store)).toEqual(before);
  });

  it('changes nothing when the setup throws halfway', async () => {
    const store = createMemoryStore();
    await conductOn(store).sync(module(V1));
    const before = await behaviorSnapshot(store);
    const failing = async (conduct: Conduct) => {
      await module({ ...V1, refundAction: 'never stored', greeting: false })(conduct);
      throw new Error('the module could not reach its API');
    };
    await expect(conductOn(store).sync(failing)).rejects.toThrow('could not reach its API');
    expect(await behaviorSnapshot(store)).toEqual(before);
  });

  it('refuses two definitions that share one identity', async () => {
    const store = createMemoryStore();
    const twice = async (conduct: Conduct) => {
      const agent = await conduct.agents.create({ id: 'shop', name: 'Shopkeeper' });
      await agent.guidelines.create({ title: 'Refunds', condition: 'asks for a refund' });
      await agent.guidelines.create({ title: 'Refunds', condition: 'asks for money back' });
    };
    await expect(conductOn(store).sync(twice)).rejects.toThrow(
      /defines the guideline ".*" twice with different content: they share the key/,
    );
    expect(await store.guidelines.list()).toEqual([]);
  });

  it('leaves agents the setup does not define alone', async () => {
    const store = createMemoryStore();
    await conductOn(store).sync(module(V1));
    const other = async (conduct: Conduct) => {
      await conduct.agents.create({ id: 'other', name: 'Other' });
    };
    const plan = await conductOn(store).sync(other);
    expect(plan.agents.map((agent) => agent.agentId)).toEqual(['other']);
    expect(await store.guidelines.list()).toHaveLength(3);
  });

  it('cleans up what code wrote before syncs existed, recognized by its derived ids', async () => {
    const store = createMemoryStore();
    // Earlier versions ran the module directly at every start: each rewording added a guideline.
    await module(V1)(conductOn(store));
    await module({ ...V1, angryAction: 'apologize once' })(conductOn(store));
    const conduct = conductOn(store);
    await conduct.model.guidelines.create({
      id: 'from-api',
      condition: 'the customer asks for the manager',
      tags: ['agent:shop'],
    });
    expect(await store.guidelines.list()).toHaveLength(5);
    const plan = await conductOn(store).sync(module({ ...V1, angryAction: 'apologize once' }));
    expect(plan.agents.map(describeAgentPlan)).toEqual([
      'shop: −1 guideline, −2 relationships removed',
    ]);
    expect(await conditions(store)).toEqual([
      'the customer asks for a refund → explain the policy',
      'the customer asks for the manager → null',
      'the customer is angry → apologize once',
      'the customer says hello → greet them',
    ]);
  });
});
