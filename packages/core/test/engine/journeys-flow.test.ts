import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/tools/define-tool.js';
import { journeySetup, OBSERVE, observe, STEP, stepRequest } from '../journeys/harness.js';

const BOOKING = {
  id: 'booking',
  title: 'Book a flight',
  triggers: ['the customer wants to book a flight'],
  states: [
    { id: 'ask_dest', type: 'chat' as const, instruction: 'Ask where they want to fly' },
    { id: 'ask_date', type: 'chat' as const, instruction: 'Ask for the travel date' },
    { id: 'ask_class', type: 'chat' as const, instruction: 'Ask which class they want' },
    { id: 'done', type: 'end' as const },
  ],
  transitions: [
    { from: 'ask_dest', to: 'ask_date', condition: 'the customer named a destination' },
    { from: 'ask_date', to: 'ask_class', condition: 'the customer gave a date' },
    { from: 'ask_class', to: 'done', condition: 'the customer chose a class' },
  ],
};

const wantsFlight = observe((c) => c.startsWith('the customer wants to book a flight'));

describe('journeys in a turn', () => {
  it('activates a journey when its trigger holds and tells the composer its first step', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(BOOKING);
    t.model.on(OBSERVE, wantsFlight);
    await t.say('I want to book a flight');

    expect(await t.position('booking')).toMatchObject({
      stateId: 'ask_dest',
      path: ['ask_dest'],
      outcome: 'active',
    });
    expect(await t.ready()).toMatchObject({
      matched_journeys: [{ id: 'booking' }],
      matched_journey_states: [{ id: 'booking:ask_dest' }],
    });
    const compose = t.model
      .callsFor('compose')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(compose).toContain('<journey-steps>');
    expect(compose).toContain('Book a flight: Ask where they want to fly');
    const record = await t.lastRecord();
    expect(record.journeys).toEqual([
      expect.objectContaining({ journeyId: 'booking', action: 'activated', to: 'ask_dest' }),
    ]);
    expect(record.verdicts).toContainEqual(
      expect.objectContaining({ entity: { type: 'journey', id: 'booking' }, matched: true }),
    );
    expect(record.matched).toMatchObject({
      journeys: ['booking'],
      journeyStates: ['booking:ask_dest'],
    });
    // No step call on the activation turn: the trigger rode in the observation call.
    expect(t.calls()).toEqual([OBSERVE, 'compose']);
  });

  it('moves a journey that starts this turn past what the message already answered, in the same call', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(BOOKING);
    t.model.on(
      OBSERVE,
      observe(
        (c) =>
          c.startsWith('the customer wants to book a flight') ||
          // The first step's moves ride in the same batch; the class was not chosen.
          (c.includes('first step of the "Book a flight" flow') && !c.includes('chose a class')),
      ),
    );
    await t.say('I want to book a flight to Lisbon on June 12');

    expect(await t.position('booking')).toMatchObject({
      stateId: 'ask_class',
      path: ['ask_dest', 'ask_date', 'ask_class'],
    });
    const record = await t.lastRecord();
    expect(record.journeys).toEqual([
      expect.objectContaining({ action: 'activated', to: 'ask_dest' }),
      expect.objectContaining({ action: 'advanced', from: 'ask_dest', to: 'ask_class' }),
    ]);
    const compose = t.model
      .callsFor('compose')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(compose).toContain('Ask which class they want');
    // Decided in the matching call that started it: no step call, nothing sequential.
    expect(t.calls()).toEqual([OBSERVE, 'compose']);
  });

  it('does not activate a journey whose trigger does not hold', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(BOOKING);
    await t.say('what are your opening hours?');
    expect(await t.position('booking')).toBeUndefined();
    expect((await t.ready())?.matched_journeys).toEqual([]);
  });

  it('skips steps the customer already answered in one flat choice', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(BOOKING);
    t.model.on(OBSERVE, wantsFlight);
    await t.say('I want to book a flight');
    t.model.queue(STEP, (request) => {
      const { state, moves } = stepRequest(request);
      expect(state).toBe('ask_dest');
      // Prepared ahead: one hop, two hops (through ask_date), three (to the end).
      expect(moves).toEqual([
        { to: 'ask_date', via: [] },
        { to: 'ask_class', via: ['ask_date'] },
        { to: 'done', via: ['ask_date', 'ask_class'] },
      ]);
      return { action: 'advance', to: 'ask_class' };
    });
    await t.say('Paris, on May 3rd');

    expect(await t.position('booking')).toMatchObject({
      stateId: 'ask_class',
      path: ['ask_dest', 'ask_date', 'ask_class'],
    });
    expect((await t.lastRecord()).journeys).toEqual([
      expect.objectContaining({
        action: 'advanced',
        from: 'ask_dest',
        to: 'ask_class',
        via: ['ask_date'],
      }),
    ]);
    expect(t.model.callsFor(STEP)).toHaveLength(1);
  });

  it('goes back to an earlier step when the customer changes an answer', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(BOOKING);
    t.model.on(OBSERVE, wantsFlight);
    await t.say('I want to book a flight');
    t.model.queue(STEP, { action: 'advance', to: 'ask_class' });
    await t.say('Paris, May 3rd');
    t.model.queue(STEP, (request) => {
      expect(stepRequest(request).visited).toEqual(['ask_dest', 'ask_date']);
      return { action: 'backtrack', backTo: 'ask_date' };
    });
    await t.say('oh wait, make it May 5th');

    expect(await t.position('booking')).toMatchObject({
      stateId: 'ask_date',
      path: ['ask_dest', 'ask_date'],
      outcome: 'active',
    });
    expect((await t.lastRecord()).journeys[0]).toMatchObject({
      action: 'backtracked',
      from: 'ask_class',
      to: 'ask_date',
    });
  });

  it('leaves the journey, after which it costs no step call', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(BOOKING);
    t.model.on(OBSERVE, wantsFlight);
    await t.say('I want to book a flight');
    t.model.queue(STEP, { action: 'leave' });
    t.model.on(
      OBSERVE,
      observe(() => false),
    );
    await t.say('never mind, forget it');
    expect(await t.position('booking')).toMatchObject({ stateId: null, outcome: 'left' });
    expect((await t.ready())?.matched_journeys).toEqual([]);

    t.model.clearCalls();
    await t.say('what time do you open?');
    expect(t.calls()).toEqual([OBSERVE, 'compose']);
    // The trigger is asked about a new request only.
    expect(t.model.callsFor(OBSERVE)[0]?.messages[0]?.content).toContain('a new request');
  });

  it('runs chat → tool → fork → end, advancing after the tool without a model call', async () => {
    const lookup = vi.fn(async () => ({ data: { status: 'shipped' } }));
    const tool = defineTool({
      name: 'latest_order',
      description: 'The latest order of the customer',
      parameters: z.object({}),
      run: lookup,
    });
    const t = await journeySetup();
    await t.agent.journeys.create({
      id: 'track',
      title: 'Track an order',
      triggers: ['the customer asks about their order'],
      states: [
        { id: 'confirm', type: 'chat', instruction: 'Confirm we will look up their latest order' },
        { id: 'lookup', type: 'tool', tools: [tool] },
        { id: 'branch', type: 'fork' },
        { id: 'shipped', type: 'chat', instruction: 'Say the order has shipped' },
        { id: 'delayed', type: 'chat', instruction: 'Apologize for the delay' },
        { id: 'end', type: 'end' },
      ],
      transitions: [
        { from: 'confirm', to: 'lookup', condition: 'the customer agrees' },
        { from: 'lookup', to: 'branch' },
        { from: 'branch', to: 'shipped', condition: 'the order has shipped' },
        { from: 'branch', to: 'delayed', condition: 'the order is late' },
        { from: 'shipped', to: 'end' },
        { from: 'delayed', to: 'end' },
      ],
    });
    t.model.on(
      OBSERVE,
      observe((c) => c.startsWith('the customer asks about their order')),
    );
    await t.say('where is my order?');
    t.model.on(
      OBSERVE,
      observe(() => false),
    );
    t.model.clearCalls();

    t.model.queue(STEP, { action: 'advance', to: 'lookup' });
    t.model.queue(STEP, (request) => {
      // The fork after the tool is decided by a step in the next iteration.
      expect(stepRequest(request).state).toBe('branch');
      return { action: 'advance', to: 'shipped' };
    });
    await t.say('yes please');

    expect(lookup).toHaveBeenCalledTimes(1);
    expect(await t.position('track')).toMatchObject({
      stateId: 'shipped',
      path: ['confirm', 'lookup', 'branch', 'shipped'],
    });
    const record = await t.lastRecord();
    expect(record.journeys.map((d) => [d.action, d.from, d.to, d.decidedBy])).toEqual([
      ['advanced', 'confirm', 'lookup', STEP],
      ['auto-advanced', 'lookup', 'branch', 'engine'],
      ['advanced', 'branch', 'shipped', STEP],
    ]);
    // No guideline or inactive trigger to observe; a parameterless tool needs no tool-call
    // inference; the advance after the tool needs no model: only the two steps and compose.
    expect(t.calls()).toEqual([STEP, STEP, 'compose']);
    expect(await t.ready()).toMatchObject({ matched_journey_states: [{ id: 'track:shipped' }] });

    t.model.queue(STEP, { action: 'advance', to: 'end' });
    await t.say('great, thanks');
    expect(await t.position('track')).toMatchObject({ stateId: null, outcome: 'completed' });
    expect((await t.lastRecord()).journeys[0]).toMatchObject({ action: 'completed', to: null });
  });

  it('advances after a tool state straight to a chat step with no model call', async () => {
    const tool = defineTool({
      name: 'balance',
      description: 'Account balance',
      parameters: z.object({}),
      run: async () => ({ data: { balance: 12 } }),
    });
    const t = await journeySetup();
    await t.agent.journeys.create({
      id: 'balance',
      title: 'Check balance',
      triggers: ['the customer asks for their balance'],
      states: [
        { id: 'fetch', type: 'tool', tools: [tool] },
        { id: 'tell', type: 'chat', instruction: 'Tell them their balance' },
        { id: 'end', type: 'end' },
      ],
      transitions: [
        { from: 'fetch', to: 'tell' },
        { from: 'tell', to: 'end', condition: 'the customer is satisfied' },
      ],
    });
    t.model.on(
      OBSERVE,
      observe((c) => c.startsWith('the customer asks for their balance')),
    );
    await t.say('what is my balance?');

    // Activated at a tool state: it ran in the same turn and moved on, with no step call at all.
    expect(t.calls()).toEqual([OBSERVE, 'compose']);
    expect(await t.position('balance')).toMatchObject({ stateId: 'tell', path: ['fetch', 'tell'] });
    const compose = t.model
      .callsFor('compose')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(compose).toContain('Tell them their balance');
    expect(compose).toContain('"balance":12');
  });
});
