import { createConduct } from '@conduct/core';
import { createScriptedModel } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { defaultMatchers } from '../src/default-matchers.js';
import { JOURNEY_STEP_TASK } from '../src/journeys/journey-step-task.js';
import { matchesByText } from './fixtures.js';

async function setup(withJourney: boolean) {
  const model = createScriptedModel()
    .on('observation', matchesByText('return a product'))
    .on('compose', 'Sure.');
  const conduct = createConduct({
    model,
    ...defaultMatchers({ relevanceFilter: false, responseAnalyzer: false }),
  });
  const agent = await conduct.agents.create({ name: 'Ava' });
  await agent.guidelines.create({ condition: 'the customer sounds upset' });
  if (withJourney) {
    await agent.journeys.create({
      id: 'returns',
      title: 'Return a product',
      triggers: ['the customer wants to return a product'],
      states: [
        { id: 'order', type: 'chat', instruction: 'Ask for the order number' },
        { id: 'reason', type: 'chat', instruction: 'Ask why they return it' },
      ],
      transitions: [
        { from: 'order', to: 'reason', condition: 'the customer gave the order number' },
      ],
    });
  }
  const session = await agent.createSession();
  const say = async (message: string) => {
    model.clearCalls();
    await conduct.engine.postCustomerMessage(session.id, { message });
    await conduct.engine.idle(session.id);
    return model.calls.map((call) => call.task).sort();
  };
  const position = async () =>
    (await conduct.store.sessions.get(session.id)).state.journeys.returns;
  return { model, say, position };
}

describe('journeys with the default matchers', () => {
  it('folds triggers into the observation batch and steps with the journey-step task', async () => {
    const t = await setup(true);
    expect(await t.say('I want to return a product')).toEqual(['compose', 'observation']);
    const observation = t.model
      .callsFor('observation')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(observation).toContain('the customer sounds upset');
    expect(observation).toContain('the customer wants to return a product');
    expect(await t.position()).toMatchObject({ stateId: 'order' });

    t.model.on(JOURNEY_STEP_TASK, { why: 'gave the number', back: null, next: '1' });
    t.model.on('observation', matchesByText());
    expect(await t.say('it is order 1234')).toEqual(['compose', JOURNEY_STEP_TASK, 'observation']);
    expect(await t.position()).toMatchObject({ stateId: 'reason', path: ['order', 'reason'] });

    t.model.on(JOURNEY_STEP_TASK, { why: 'no longer wants it', back: null, next: 'leave' });
    await t.say('forget it, I will keep it');
    expect(await t.position()).toMatchObject({ outcome: 'left' });
  });

  it('costs no extra call per turn once the journey is finished', async () => {
    const plain = await setup(false);
    const withJourney = await setup(true);
    withJourney.model.on(JOURNEY_STEP_TASK, { why: 'declined', back: null, next: 'leave' });
    await withJourney.say('I want to return a product');
    await withJourney.say('no, actually not');
    expect(await withJourney.position()).toMatchObject({ outcome: 'left' });
    plain.model.on('observation', matchesByText());
    withJourney.model.on('observation', matchesByText());
    for (const message of ['when do you open?', 'and on Sunday?']) {
      expect(await withJourney.say(message)).toEqual(await plain.say(message));
    }
    expect(await withJourney.say('thanks')).toEqual(['compose', 'observation']);
  });
});
