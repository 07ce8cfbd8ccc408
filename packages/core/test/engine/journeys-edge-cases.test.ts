import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/errors.js';
import { journeySetup, OBSERVE, observe, STEP } from '../journeys/harness.js';

const SIGNUP = {
  id: 'signup',
  title: 'Sign up',
  triggers: ['the customer wants to sign up'],
  states: [
    { id: 'name', type: 'chat' as const, instruction: 'Ask for their name' },
    { id: 'email', type: 'chat' as const, instruction: 'Ask for their email' },
  ],
  transitions: [{ from: 'name', to: 'email', condition: 'the customer gave a name' }],
};

const wantsSignup = observe((c) => c.startsWith('the customer wants to sign up'));

describe('journeys: edge cases', () => {
  it('does not report a restart that a relationship dropped as a completed journey', async () => {
    const t = await journeySetup();
    const signup = await t.agent.journeys.create(SIGNUP);
    const vip = await t.agent.guidelines.create({ condition: 'the customer is a VIP' });
    await vip.overrides(signup);
    t.model.on(OBSERVE, wantsSignup);
    await t.say('I want to sign up');
    t.model.queue(STEP, { action: 'advance', to: 'email' }, { action: 'advance', to: null });
    await t.say('Kim');
    await t.say('kim@example.com');
    expect(await t.position('signup')).toMatchObject({ outcome: 'completed' });

    // The trigger holds again, but the VIP guideline overrides the journey.
    t.model.on(
      OBSERVE,
      observe((c) => c.startsWith('the customer wants to sign up') || c.includes('VIP')),
    );
    await t.say('I am a VIP and want to sign up my partner');
    expect(await t.position('signup')).toMatchObject({ outcome: 'completed', stateId: null });
    expect(await t.ready()).toMatchObject({
      matched_guidelines: [{ id: vip.id }],
      matched_journeys: [],
      matched_journey_states: [],
    });
    const record = await t.lastRecord();
    expect(record.journeys.map((d) => d.action)).toEqual(['restarted', 'held']);
    expect(record.matched.journeys).toEqual([]);
  });

  it('completes a session whose current state an edit turned into an end state', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create({
      ...SIGNUP,
      transitions: [
        ...SIGNUP.transitions,
        { from: 'email', to: 'done', condition: 'the customer gave an email' },
      ],
      states: [...SIGNUP.states, { id: 'done', type: 'end' as const }],
    });
    t.model.on(OBSERVE, wantsSignup);
    await t.say('I want to sign up');
    t.model.queue(STEP, { action: 'advance', to: 'email' });
    t.model.on(
      OBSERVE,
      observe(() => false),
    );
    await t.say('Kim');
    await t.agent.journeys.create({
      ...SIGNUP,
      states: [SIGNUP.states[0] as (typeof SIGNUP.states)[0], { id: 'email', type: 'end' }],
    });
    t.model.clearCalls();
    await t.say('hello?');
    expect(await t.position('signup')).toMatchObject({ stateId: null, outcome: 'completed' });
    expect((await t.lastRecord()).journeys[0]).toMatchObject({
      action: 'reset',
      from: 'email',
      to: null,
      decidedBy: 'engine',
    });
    expect(t.calls()).not.toContain(STEP);
  });

  it('rejects a journey guideline scoped to a state the journey does not have', async () => {
    const t = await journeySetup();
    const signup = await t.agent.journeys.create(SIGNUP);
    const attempt = signup.guidelines.create({
      condition: 'the customer is a minor',
      stateId: 'age',
    });
    await expect(attempt).rejects.toThrow(ValidationError);
    await expect(attempt).rejects.toThrow(/journey 'Sign up' has no state 'age'/);
  });

  it('rejects nesting that makes a cycle, naming the journeys and the state', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create({
      id: 'inner',
      title: 'Inner',
      states: [{ id: 'x', type: 'chat', instruction: 'Ask x' }],
    });
    await t.agent.journeys.create({
      id: 'outer',
      title: 'Outer',
      states: [{ id: 'sub', type: 'journey', journeyId: 'inner' }],
    });
    const cycle = t.agent.journeys.create({
      id: 'inner',
      title: 'Inner',
      states: [
        { id: 'x', type: 'chat', instruction: 'Ask x' },
        { id: 'back', type: 'journey', journeyId: 'outer' },
      ],
      transitions: [{ from: 'x', to: 'back', condition: 'done' }],
    });
    await expect(cycle).rejects.toThrow(
      "Invalid journey 'Inner': state 'back' nests journey 'outer', which nests this journey again (outer → inner)",
    );
  });

  it('names the condition of a repeated trigger', async () => {
    const t = await journeySetup();
    await expect(
      t.agent.journeys.create({ ...SIGNUP, triggers: ['wants to sign up', 'wants to sign up'] }),
    ).rejects.toThrow(/trigger 'wants to sign up' is given more than once/);
  });

  it('lets a guideline entail a journey from code, as documented', async () => {
    const t = await journeySetup();
    const signup = await t.agent.journeys.create({ ...SIGNUP, triggers: [] });
    const newcomer = await t.agent.guidelines.create({ condition: 'the customer is new here' });
    await newcomer.entails(signup);
    t.model.on(
      OBSERVE,
      observe((c) => c.includes('new here')),
    );
    await t.say('hi, first time here');
    expect(await t.position('signup')).toMatchObject({ stateId: 'name', outcome: 'active' });
  });
});
