import { type Conduct, createConduct, describeAgentPlan, type JourneyStepper } from '@conduct/core';
import { behaviorSnapshot, createScriptedModel, keywordStrategy } from '@conduct/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, type PostgresStore } from '../src/index.js';
import { freshDatabase } from './fresh-database.js';
import { noCluster, useCluster } from './use-cluster.js';

/** Journeys need a stepper to be defined; no turn runs here, so it is never asked. */
const unusedStepper: JourneyStepper = {
  name: 'journey-step',
  step: () => Promise.reject(new Error('no turn runs in this test')),
};

/** An agent module: every kind of definition, relationships between them. */
async function setup(conduct: Conduct): Promise<void> {
  const agent = await conduct.agents.create({ id: 'support', name: 'Ava' });
  await agent.terms.create({ name: 'Order', description: 'a purchase' });
  await agent.variables.create({ name: 'tier' });
  await agent.capabilities.create({ title: 'Refunds', description: 'refunds orders' });
  await agent.cannedResponses.create({ value: 'Let me check that.' });
  const refund = await agent.guidelines.create({
    title: 'Refund',
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

describe.skipIf(noCluster !== undefined)('syncs racing on one PostgreSQL database', () => {
  const cluster = useCluster();
  let stores: PostgresStore[];

  beforeAll(async () => {
    const url = await freshDatabase(cluster());
    stores = await Promise.all(
      Array.from({ length: 3 }, () =>
        createPostgresStore({ driver: 'pg', connectionString: url, maxConnections: 4 }),
      ),
    );
  }, 60_000);
  afterAll(() => Promise.all(stores.map((store) => store.close())));

  it('define everything once, and the first to commit adds it all', async () => {
    const conducts = stores.map((store) =>
      createConduct({
        store,
        model: createScriptedModel(),
        strategies: [keywordStrategy()],
        journeyStepper: unusedStepper,
      }),
    );
    const plans = await Promise.all(conducts.map((conduct) => conduct.sync(setup)));
    const lines = plans.flatMap((plan) => plan.agents.map(describeAgentPlan)).sort();
    expect(lines).toEqual([
      'support: +1 agent, +3 guidelines, +1 journey, +2 relationships, +1 term, +1 variable, +1 canned response, +1 capability',
      'support: no changes',
      'support: no changes',
    ]);
    const snapshot = await behaviorSnapshot(stores[0]!);
    expect(Object.fromEntries(Object.entries(snapshot).map(([k, v]) => [k, v.length]))).toEqual({
      agents: 1,
      guidelines: 3,
      relationships: 2,
      tags: 0,
      journeys: 1,
      terms: 1,
      variables: 1,
      cannedResponses: 1,
      capabilities: 1,
    });
  }, 60_000);
});
