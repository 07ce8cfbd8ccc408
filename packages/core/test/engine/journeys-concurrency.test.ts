import { describe, expect, it } from 'vitest';
import { scripted } from '../../src/testing/model-script.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { journeySetup, OBSERVE, observe, STEP, stepRequest } from '../journeys/harness.js';

function simpleJourney(id: string, trigger: string) {
  return {
    id,
    title: `Journey ${id}`,
    triggers: [trigger],
    states: [
      { id: 'first', type: 'chat' as const, instruction: `First step of ${id}` },
      { id: 'second', type: 'chat' as const, instruction: `Second step of ${id}` },
    ],
    transitions: [{ from: 'first', to: 'second', condition: 'the customer answered' }],
  };
}

describe('journeys: several at once, scoping and cost', () => {
  it('runs two active journeys, one step each, in the matching wave', async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(simpleJourney('returns', 'the customer wants to return an item'));
    await t.agent.journeys.create(simpleJourney('warranty', 'the customer asks about warranty'));
    t.model.on(
      OBSERVE,
      // The triggers only: the first steps (offered in the same batch) are not done yet.
      observe((c) => c.includes('wants to return an item') || c.includes('asks about warranty')),
    );
    await t.say('I want to return this laptop, and what is the warranty on a new one?');
    expect((await t.ready())?.matched_journeys).toEqual([{ id: 'returns' }, { id: 'warranty' }]);

    t.model.on(STEP, (request) =>
      stepRequest(request).journey === 'returns'
        ? { action: 'advance', to: 'second' }
        : { action: 'stay' },
    );
    t.model.clearCalls();
    await t.say('order 1234');
    expect(
      t.model
        .callsFor(STEP)
        .map((call) => JSON.parse(call.messages[0]?.content ?? '').journey)
        .sort(),
    ).toEqual(['returns', 'warranty']);
    expect(await t.position('returns')).toMatchObject({ stateId: 'second' });
    expect(await t.position('warranty')).toMatchObject({ stateId: 'first' });
    expect(await t.ready()).toMatchObject({
      matched_journey_states: [{ id: 'returns:second' }, { id: 'warranty:first' }],
    });
    const compose = t.model
      .callsFor('compose')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(compose).toContain('Second step of returns');
    expect(compose).toContain('First step of warranty');
  });

  it('keeps the critical path at two sequential calls: the step runs while matching runs', async () => {
    const model = createScriptedModel();
    const t = await journeySetup({ model });
    await t.agent.guidelines.create({ condition: 'the customer is in a hurry' });
    await t.agent.journeys.create(simpleJourney('returns', 'the customer wants to return an item'));
    model.on(
      OBSERVE,
      observe((c) => c.includes('return an item')),
    );
    await t.say('I want to return something');

    let observationOpenDuringStep = false;
    model.on(OBSERVE, scripted.delay(40, { holds: [] }));
    model.on(STEP, () => {
      const observation = model.callsFor(OBSERVE).at(-1);
      observationOpenDuringStep = observation !== undefined && observation.endedAt === undefined;
      return { action: 'stay' };
    });
    let openAtCompose = -1;
    model.on('compose', () => {
      openAtCompose = model.calls.filter(
        (c) => c.task !== 'compose' && c.endedAt === undefined,
      ).length;
      return 'OK.';
    });
    model.clearCalls();
    await t.say('it is a laptop');
    expect(observationOpenDuringStep).toBe(true);
    expect(openAtCompose).toBe(0);
    expect(t.calls().sort()).toEqual(['compose', STEP, OBSERVE].sort());
  });

  it('makes journey-scoped guidelines candidates only while their journey (state) is active', async () => {
    const t = await journeySetup();
    const journey = await t.agent.journeys.create(
      simpleJourney('returns', 'the customer wants to return an item'),
    );
    const scoped = await journey.guidelines.create({ condition: 'the item is damaged' });
    const atSecond = await journey.guidelines.create({
      condition: 'the customer has no receipt',
      stateId: 'second',
    });
    await t.say('hello');
    expect((await t.lastRecord()).candidates.map((c) => c.id)).toEqual([]);

    t.model.on(
      OBSERVE,
      observe((c) => c.includes('return an item')),
    );
    await t.say('I want to return an item');
    // Activated this turn: its scoped guidelines join from the next turn.
    expect((await t.lastRecord()).candidates.map((c) => c.id)).toEqual([]);

    t.model.on(
      OBSERVE,
      observe((c) => c === 'the item is damaged'),
    );
    t.model.queue(STEP, { action: 'stay' });
    await t.say('it arrived broken');
    expect((await t.lastRecord()).candidates.map((c) => c.id)).toEqual([scoped.id]);
    expect((await t.ready())?.matched_guidelines).toEqual([{ id: scoped.id }]);

    t.model.queue(STEP, { action: 'advance', to: 'second' });
    await t.say('order 1234');
    t.model.queue(STEP, { action: 'stay' });
    await t.say('I lost the receipt');
    expect((await t.lastRecord()).candidates.map((c) => c.id).sort()).toEqual(
      [scoped.id, atSecond.id].sort(),
    );

    t.model.queue(STEP, { action: 'leave' });
    t.model.on(
      OBSERVE,
      observe(() => true),
    );
    await t.say('forget it');
    // Both were candidates at the start of the turn, but leaving drops them from the result.
    const left = await t.lastRecord();
    expect(left.matched.guidelines).toEqual([]);
    expect(left.resolution).toContainEqual(
      expect.objectContaining({ entity: { type: 'guideline', id: scoped.id }, change: 'dropped' }),
    );
    await t.say('hello again');
    expect((await t.lastRecord()).candidates.map((c) => c.id)).toEqual([]);
  });

  it('charges nothing per turn for a finished journey (same calls as without it)', async () => {
    const count = async (withJourney: boolean) => {
      const t = await journeySetup();
      await t.agent.guidelines.create({ condition: 'the customer sounds upset' });
      if (withJourney) {
        await t.agent.journeys.create(
          simpleJourney('returns', 'the customer wants to return an item'),
        );
        t.model.on(
          OBSERVE,
          observe((c) => c.includes('return an item')),
        );
        await t.say('I want to return an item');
        t.model.queue(STEP, { action: 'advance', to: 'second' });
        t.model.on(
          OBSERVE,
          observe(() => false),
        );
        await t.say('order 1234');
        t.model.queue(STEP, { action: 'leave' });
        await t.say('actually no');
        expect(await t.position('returns')).toMatchObject({ outcome: 'left' });
      }
      const perTurn: string[][] = [];
      for (const message of ['what time do you open?', 'and on Sundays?', 'thanks']) {
        t.model.clearCalls();
        await t.say(message);
        perTurn.push(t.calls());
      }
      return perTurn;
    };
    const without = await count(false);
    const withFinished = await count(true);
    expect(without).toEqual([
      [OBSERVE, 'compose'],
      [OBSERVE, 'compose'],
      [OBSERVE, 'compose'],
    ]);
    expect(withFinished).toEqual(without);
  });
});
