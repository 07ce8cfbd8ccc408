import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/tools/define-tool.js';
import { journeySetup, OBSERVE, observe, STEP, stepRequest } from '../journeys/harness.js';

const ADDRESS = {
  id: 'address',
  title: 'Collect an address',
  states: [
    { id: 'street', type: 'chat' as const, instruction: 'Ask for the street' },
    { id: 'city', type: 'chat' as const, instruction: 'Ask for the city' },
  ],
  transitions: [{ from: 'street', to: 'city', condition: 'the customer gave the street' }],
};

const ORDER = {
  id: 'order',
  title: 'Place an order',
  triggers: ['the customer wants to order'],
  states: [
    { id: 'item', type: 'chat' as const, instruction: 'Ask what they want to order' },
    { id: 'ship', type: 'journey' as const, journeyId: 'address' },
    { id: 'confirm', type: 'chat' as const, instruction: 'Confirm the order' },
    { id: 'done', type: 'end' as const },
  ],
  transitions: [
    { from: 'item', to: 'ship', condition: 'the customer named an item' },
    { from: 'ship', to: 'confirm' },
    { from: 'confirm', to: 'done', condition: 'the customer confirmed' },
  ],
};

/** The parent journey active at `item`, the child defined; triggers answered no from now on. */
async function ordering() {
  const t = await journeySetup();
  await t.agent.journeys.create(ADDRESS);
  await t.agent.journeys.create(ORDER);
  t.model.on(
    OBSERVE,
    observe((c) => c.startsWith('the customer wants to order')),
  );
  await t.say('I want to order something');
  t.model.on(
    OBSERVE,
    observe(() => false),
  );
  return t;
}

const composePrompt = (t: Awaited<ReturnType<typeof ordering>>) =>
  t.model
    .callsFor('compose')
    .at(-1)
    ?.messages.map((m) => m.content)
    .join('\n') ?? '';

describe('nested journeys at runtime', () => {
  it('starts the child when the parent reaches it, and the parent waits without a step', async () => {
    const t = await ordering();
    t.model.queue(STEP, { action: 'advance', to: 'ship' });
    await t.say('a blue kettle');
    expect(await t.position('order')).toMatchObject({ stateId: 'ship', outcome: 'active' });
    expect(await t.position('address')).toMatchObject({ stateId: 'street', outcome: 'active' });
    expect((await t.lastRecord()).journeys).toEqual([
      expect.objectContaining({ journeyId: 'order', action: 'advanced', to: 'ship' }),
      expect.objectContaining({ journeyId: 'address', action: 'activated', to: 'street' }),
    ]);
    expect(composePrompt(t)).toContain('Collect an address: Ask for the street');
    expect(await t.ready()).toMatchObject({
      matched_journeys: [{ id: 'address' }, { id: 'order' }],
      matched_journey_states: [{ id: 'address:street' }, { id: 'order:ship' }],
    });

    t.model.clearCalls();
    t.model.queue(STEP, { action: 'advance', to: 'city' });
    await t.say('12 Baker Street');
    // Only the child steps: the parent waits at its nested-journey state, costing nothing.
    expect(t.model.callsFor(STEP).map((call) => stepRequest(call).journey)).toEqual(['address']);
    expect(await t.position('order')).toMatchObject({ stateId: 'ship' });
    expect(await t.position('address')).toMatchObject({ stateId: 'city' });
  });

  it('moves the parent on, with no model call, when the child completes', async () => {
    const t = await ordering();
    t.model.queue(STEP, { action: 'advance', to: 'ship' });
    await t.say('a blue kettle');
    t.model.clearCalls();
    t.model.queue(STEP, { action: 'advance', to: null });
    await t.say('12 Baker Street, London');

    expect(await t.position('address')).toMatchObject({ stateId: null, outcome: 'completed' });
    expect(await t.position('order')).toMatchObject({
      stateId: 'confirm',
      path: ['item', 'ship', 'confirm'],
    });
    expect((await t.lastRecord()).journeys.map((d) => [d.journeyId, d.action, d.to])).toEqual([
      ['address', 'completed', null],
      ['order', 'auto-advanced', 'confirm'],
    ]);
    expect(t.calls().filter((task) => task === STEP)).toHaveLength(1);
    expect(composePrompt(t)).toContain('Place an order: Confirm the order');
  });

  it('leaves the parent when the customer leaves the child', async () => {
    const t = await ordering();
    t.model.queue(STEP, { action: 'advance', to: 'ship' });
    await t.say('a blue kettle');
    t.model.queue(STEP, { action: 'leave' });
    await t.say('forget it, I do not want anything');

    expect(await t.position('address')).toMatchObject({ outcome: 'left' });
    expect(await t.position('order')).toMatchObject({ stateId: null, outcome: 'left' });
    expect((await t.lastRecord()).journeys.at(-1)).toMatchObject({
      journeyId: 'order',
      action: 'left',
      decidedBy: 'engine',
    });
    expect((await t.ready())?.matched_journeys).toEqual([]);
    t.model.clearCalls();
    await t.say('what time is it?');
    expect(t.calls()).toEqual([OBSERVE, 'compose']);
  });

  it('decides conditional exits of a nested state with a step once the child completes', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(ADDRESS);
    await t.agent.journeys.create({
      ...ORDER,
      states: [
        ...ORDER.states,
        { id: 'express', type: 'chat' as const, instruction: 'Offer express shipping' },
      ],
      transitions: [
        { from: 'item', to: 'ship', condition: 'the customer named an item' },
        { from: 'ship', to: 'confirm', condition: 'the address is in town' },
        { from: 'ship', to: 'express', condition: 'the address is far away' },
        { from: 'confirm', to: 'done', condition: 'the customer confirmed' },
        { from: 'express', to: 'done', condition: 'the customer decided' },
      ],
    });
    t.model.on(
      OBSERVE,
      observe((c) => c.startsWith('the customer wants to order')),
    );
    await t.say('I want to order something');
    t.model.queue(STEP, { action: 'advance', to: 'ship' });
    await t.say('a kettle');
    t.model.queue(STEP, { action: 'advance', to: null });
    t.model.queue(STEP, (request) => {
      expect(stepRequest(request)).toMatchObject({ journey: 'order', state: 'ship' });
      return { action: 'advance', to: 'express' };
    });
    await t.say('1 Far Lane, Faraway');
    expect(await t.position('order')).toMatchObject({ stateId: 'express' });
  });

  it('starts the child when a tool state leads into it, and composes its first step', async () => {
    const t = await journeySetup();
    const check = defineTool({
      name: 'check_stock',
      description: 'Stock check',
      parameters: z.object({}),
      run: async () => ({ data: { inStock: true } }),
    });
    await t.agent.journeys.create(ADDRESS);
    await t.agent.journeys.create({
      id: 'restock',
      title: 'Restock',
      triggers: ['the customer asks for a restock'],
      states: [
        { id: 'check', type: 'tool', tools: [check] },
        { id: 'ship', type: 'journey', journeyId: 'address' },
      ],
      transitions: [{ from: 'check', to: 'ship' }],
    });
    t.model.on(
      OBSERVE,
      observe((c) => c.startsWith('the customer asks for a restock')),
    );
    await t.say('can you restock me?');
    expect(await t.position('restock')).toMatchObject({ stateId: 'ship' });
    expect(await t.position('address')).toMatchObject({ stateId: 'street' });
    expect(composePrompt(t as never)).toContain('Collect an address: Ask for the street');
    expect((await t.ready())?.matched_journeys).toEqual([{ id: 'address' }, { id: 'restock' }]);
  });

  it('starts a child that a live edit put under a waiting session', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(ADDRESS);
    await t.agent.journeys.create({
      ...ORDER,
      states: [
        ORDER.states[0] as (typeof ORDER.states)[0],
        { id: 'ship', type: 'chat' as const, instruction: 'Ask for the address' },
        ...ORDER.states.slice(2),
      ],
    });
    t.model.on(
      OBSERVE,
      observe((c) => c.startsWith('the customer wants to order')),
    );
    await t.say('I want to order something');
    t.model.on(
      OBSERVE,
      observe(() => false),
    );
    t.model.queue(STEP, { action: 'advance', to: 'ship' });
    await t.say('a kettle');
    // `ship` becomes a nested journey while the session is at it.
    await t.agent.journeys.create(ORDER);
    await t.say('hello?');
    expect(await t.position('address')).toMatchObject({ stateId: 'street', outcome: 'active' });
    expect(composePrompt(t as never)).toContain('Ask for the street');
  });
});

describe('nested journeys written straight into a store', () => {
  it('breaks a nesting cycle instead of waiting forever, with a note', async () => {
    const t = await journeySetup();
    const tag = `agent:${t.agent.id}`;
    await t.conduct.store.journeys.create({
      id: 'inner',
      title: 'Inner',
      initialStateId: 'x',
      tags: [tag],
      states: [
        { id: 'x', type: 'chat', instruction: 'Ask x' },
        { id: 'back', type: 'journey', journeyId: 'outer' },
      ],
      transitions: [{ id: 'x.back', from: 'x', to: 'back', condition: 'x was answered' }],
    });
    await t.conduct.store.journeys.create({
      id: 'outer',
      title: 'Outer',
      initialStateId: 'sub',
      tags: [tag],
      triggers: [{ id: 't', condition: 'the customer wants outer' }],
      states: [{ id: 'sub', type: 'journey', journeyId: 'inner' }],
    });
    t.model.on(
      OBSERVE,
      observe((c) => c.startsWith('the customer wants outer')),
    );
    await t.say('outer please');
    expect(await t.position('inner')).toMatchObject({ stateId: 'x', outcome: 'active' });
    t.model.on(
      OBSERVE,
      observe(() => false),
    );
    t.model.queue(STEP, { action: 'advance', to: 'back' });
    await t.say('here is x');

    expect(await t.position('inner')).toMatchObject({ outcome: 'completed' });
    expect(await t.position('outer')).toMatchObject({ outcome: 'completed' });
    expect((await t.lastRecord()).notes).toContainEqual(
      'Journey inner nests journey outer, which waits on it in turn; skipped',
    );
  });
});
