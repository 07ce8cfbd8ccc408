import { createConduct } from '@conduct/core';
import { createScriptedModel } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { defaultMatchers } from '../src/default-matchers.js';
import { JOURNEY_STEP_TASK } from '../src/journeys/journey-step-task.js';
import { matchesByText } from './fixtures.js';

const HOURS = {
  condition: 'the customer asks about opening hours',
  action: 'give the opening hours',
};

async function setup(options: { journey: boolean; guidelines?: boolean; observation?: boolean }) {
  const model = createScriptedModel()
    .on('actionable', matchesByText())
    .on('observation', matchesByText())
    .on('compose', 'Sure.');
  const conduct = createConduct({
    model,
    // Classification is a one-off cost of new guidelines, not a cost of every turn.
    ...defaultMatchers({
      relevanceFilter: false,
      responseAnalyzer: false,
      guidelineClassifier: false,
    }),
  });
  const agent = await conduct.agents.create({ name: 'Ava' });
  if (options.guidelines !== false) await agent.guidelines.create(HOURS);
  if (options.observation)
    await agent.guidelines.create({ condition: 'the customer sounds upset' });
  if (options.journey) {
    await agent.journeys.create({
      id: 'returns',
      title: 'Return a product',
      triggers: ['the customer wants to return a product'],
      states: [{ id: 'order', type: 'chat', instruction: 'Ask for the order number' }],
      transitions: [],
    });
  }
  const session = await agent.createSession();
  /** Sends a message; the model calls of that turn by task, sorted. */
  const say = async (message: string) => {
    model.clearCalls();
    await conduct.engine.postCustomerMessage(session.id, { message });
    await conduct.engine.idle(session.id);
    return model.calls.map((call) => call.task).sort();
  };
  const position = async () =>
    (await conduct.store.sessions.get(session.id)).state.journeys.returns;
  const prompt = (task: string) =>
    model
      .callsFor(task)
      .flatMap((call) => call.messages.map((m) => m.content))
      .join('\n');
  return { conduct, session, model, say, position, prompt };
}

/** Starts the return journey (its trigger holds in `task`'s batch), then leaves it. */
async function startAndLeave(t: Awaited<ReturnType<typeof setup>>, task: string) {
  t.model.on(task, matchesByText('return a product'));
  expect(await t.say('I want to return a product')).toContain(task);
  expect(await t.position()).toMatchObject({ outcome: 'active', stateId: 'order' });
  t.model.on(task, matchesByText());
  t.model.on(JOURNEY_STEP_TASK, { why: 'declined', back: null, next: 'leave' });
  await t.say('no, actually not');
  expect(await t.position()).toMatchObject({ outcome: 'left' });
}

describe('journey triggers with the default matchers: cost', () => {
  it('costs no call per turn for a left journey when the agent only has actionable guidelines', async () => {
    const plain = await setup({ journey: false });
    const t = await setup({ journey: true });
    await startAndLeave(t, 'actionable');
    for (const message of ['when do you open?', 'and on Sunday?', 'thanks']) {
      expect(await t.say(message)).toEqual(await plain.say(message));
    }
    expect(await t.say('ok')).toEqual(['actionable', 'compose']);
    const items = t.prompt('actionable');
    expect(items).toContain(`WHEN ${HOURS.condition} THEN ${HOURS.action}`);
    expect(items).toContain(
      'WHEN the customer wants to return a product (a new request, raised after the earlier "Return a product" flow was dropped) THEN start the "Return a product" flow',
    );
  });

  it('restarts the journey when its trigger holds again, decided in the actionable batch', async () => {
    const t = await setup({ journey: true });
    await startAndLeave(t, 'actionable');
    t.model.on('actionable', matchesByText('return a product'));
    expect(await t.say('actually, I do want to return it after all')).toEqual([
      'actionable',
      'compose',
    ]);
    expect(await t.position()).toMatchObject({ outcome: 'active', stateId: 'order' });
    const [record] = (await t.conduct.store.turns.list(t.session.id)).slice(-1);
    expect(record?.journeys).toEqual([
      expect.objectContaining({
        journeyId: 'returns',
        action: 'restarted',
        decidedBy: 'actionable',
      }),
    ]);
    expect(record?.matched.guidelines).toEqual([]);
    expect(record?.verdicts.filter((v) => v.entity.type === 'guideline')).toHaveLength(1);
    expect(t.prompt('compose')).not.toContain('start the "Return a product" flow');
    const { state } = await t.conduct.store.sessions.get(t.session.id);
    expect(state.appliedGuidelines).toEqual([]);
  });

  it('rides the observation batch when the agent has observations', async () => {
    const t = await setup({ journey: true, observation: true });
    await startAndLeave(t, 'observation');
    expect(await t.say('when do you open?')).toEqual(['actionable', 'compose', 'observation']);
    expect(t.prompt('observation')).toContain('the customer wants to return a product (a new');
    expect(t.prompt('actionable')).not.toContain('the customer wants to return a product');
  });

  it('makes one observation call for the triggers when no guideline is model-evaluated', async () => {
    const plain = await setup({ journey: false, guidelines: false });
    const t = await setup({ journey: true, guidelines: false });
    await startAndLeave(t, 'observation');
    expect(await plain.say('thanks')).toEqual(['compose']);
    expect(await t.say('thanks')).toEqual(['compose', 'observation']);
  });
});
