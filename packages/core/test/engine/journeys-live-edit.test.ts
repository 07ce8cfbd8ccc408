import { describe, expect, it } from 'vitest';
import { journeySetup, OBSERVE, observe, STEP, stepRequest } from '../journeys/harness.js';

const journey = {
  id: 'signup',
  title: 'Sign up',
  triggers: ['the customer wants to sign up'],
  states: [
    { id: 'name', type: 'chat' as const, instruction: 'Ask for their name' },
    { id: 'email', type: 'chat' as const, instruction: 'Ask for their email' },
    { id: 'plan', type: 'chat' as const, instruction: 'Ask which plan they want' },
  ],
  transitions: [
    { from: 'name', to: 'email', condition: 'the customer gave a name' },
    { from: 'email', to: 'plan', condition: 'the customer gave an email' },
  ],
};

describe('editing a journey under a live session', () => {
  it('resumes at the latest visited step that still exists, and records why', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(journey);
    t.model.on(
      OBSERVE,
      observe((c) => c.startsWith('the customer wants to sign up')),
    );
    await t.say('I want to sign up');
    t.model.queue(STEP, { action: 'advance', to: 'plan' });
    await t.say('Kim, kim@example.com');
    expect(await t.position('signup')).toMatchObject({ stateId: 'plan' });

    // The `plan` step is replaced by a `tier` step.
    await t.agent.journeys.create({
      ...journey,
      states: [
        ...journey.states.slice(0, 2),
        { id: 'tier', type: 'chat', instruction: 'Ask for a tier' },
      ],
      transitions: [
        journey.transitions[0] as (typeof journey.transitions)[0],
        { from: 'email', to: 'tier', condition: 'the customer gave an email' },
      ],
    });
    t.model.queue(STEP, (request) => {
      expect(stepRequest(request).state).toBe('email');
      return { action: 'stay' };
    });
    await t.say('hello?');
    const record = await t.lastRecord();
    expect(record.journeys[0]).toMatchObject({
      action: 'reset',
      from: 'plan',
      to: 'email',
      decidedBy: 'engine',
    });
    expect(record.journeys[0]?.reason).toContain("state 'plan' no longer exists");
    expect(record.notes.some((note) => note.includes("state 'plan' no longer exists"))).toBe(true);
    expect(await t.position('signup')).toMatchObject({ stateId: 'email', path: ['name', 'email'] });
  });

  it('restarts at the initial state when no visited step remains', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(journey);
    t.model.on(
      OBSERVE,
      observe((c) => c.startsWith('the customer wants to sign up')),
    );
    await t.say('I want to sign up');
    await t.agent.journeys.create({
      ...journey,
      initialStateId: 'start',
      states: [{ id: 'start', type: 'chat', instruction: 'Welcome them' }],
      transitions: [],
    });
    t.model.queue(STEP, { action: 'stay' });
    await t.say('hi');
    expect((await t.lastRecord()).journeys[0]).toMatchObject({ action: 'reset', to: 'start' });
    expect(await t.position('signup')).toMatchObject({ stateId: 'start', path: ['start'] });
  });
});
