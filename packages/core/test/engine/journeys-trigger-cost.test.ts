import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Guideline } from '../../src/domain/guideline.js';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { createScriptedModel } from '../../src/testing/scripted-model.js';
import { journeySetup, OBSERVE, observe, STEP } from '../journeys/harness.js';

const ACT = 'actionable';

/**
 * A model-backed strategy that takes the guidelines `handles` accepts and asks one call per
 * turn, listing `WHEN <condition> [THEN <action>]` items (answer with {@link observe}).
 */
function ruleStrategy(name: string, handles: (g: Guideline) => boolean): MatchingStrategy {
  const schema = z.object({ holds: z.array(z.number().int()) });
  return {
    name,
    handles,
    async evaluate(guidelines, context) {
      const { value } = await context.model.generateObject({
        task: name,
        traceId: context.traceId,
        signal: context.signal,
        schema,
        messages: [
          {
            role: 'user',
            content: guidelines
              .map((g, i) => `${i + 1}. WHEN ${g.condition}${g.action ? ` THEN ${g.action}` : ''}`)
              .join('\n'),
          },
        ],
      });
      const holds = new Set(value.holds);
      return {
        verdicts: guidelines.map((g, i) => ({ guidelineId: g.id, matched: holds.has(i + 1) })),
      };
    },
  };
}

/** Observations to one task, guidelines with an action to another (as the default matchers route). */
const STRATEGIES = [
  ruleStrategy(OBSERVE, (g) => g.action === null),
  ruleStrategy(ACT, (g) => g.action !== null),
];

const SIGNUP = {
  id: 'signup',
  title: 'Sign up',
  triggers: ['the customer wants to sign up'],
  states: [
    { id: 'name', type: 'chat' as const, instruction: 'Ask for their name' },
    { id: 'done', type: 'end' as const },
  ],
  transitions: [{ from: 'name', to: 'done', condition: 'the customer gave a name' }],
};

const HOURS = { condition: 'the customer asks about opening hours', action: 'give the hours' };
const wantsSignup = observe((item) => item.startsWith('WHEN the customer wants to sign up'));
const none = observe(() => false);

async function agentSetup(options: { journey: boolean; observation?: boolean }) {
  const model = createScriptedModel().on(ACT, none);
  const t = await journeySetup({ model, strategies: STRATEGIES });
  const hours = await t.agent.guidelines.create(HOURS);
  if (options.observation)
    await t.agent.guidelines.create({ condition: 'the customer sounds upset' });
  if (options.journey) await t.agent.journeys.create(SIGNUP);
  /** Sends a message and returns the model calls of that turn, by task, sorted. */
  const turn = async (message: string) => {
    model.clearCalls();
    await t.say(message);
    return t.calls().sort();
  };
  /** The prompt of the turn's only call for `task`. */
  const prompt = (task: string) => {
    const calls = model.callsFor(task);
    expect(calls).toHaveLength(1);
    return calls[0]?.messages.map((m) => m.content).join('\n') ?? '';
  };
  return { ...t, hours, turn, prompt };
}

/** Runs the sign-up journey to its end: activation, then the name. */
async function finishSignup(t: Awaited<ReturnType<typeof agentSetup>>, task: string) {
  t.model.on(task, wantsSignup);
  await t.say('I want to sign up');
  t.model.on(task, none);
  t.model.queue(STEP, { action: 'advance', to: 'done' });
  await t.say('Kim');
  expect(await t.position('signup')).toMatchObject({ outcome: 'completed' });
}

describe('journey triggers: cost', () => {
  it('adds no model call per turn for a finished journey when only actionable guidelines run', async () => {
    const plain = await agentSetup({ journey: false });
    const t = await agentSetup({ journey: true });
    await finishSignup(t, ACT);

    for (const message of ['when do you open?', 'and on Sunday?']) {
      expect(await t.turn(message)).toEqual(await plain.turn(message));
    }
    expect(await t.turn('thanks')).toEqual([ACT, 'compose']);
    // The trigger rode the actionable batch, asked about a new request and as not acted on.
    const items = t.prompt(ACT);
    expect(items).toContain(HOURS.condition);
    expect(items).toContain(
      'WHEN the customer wants to sign up (a new request, raised after the earlier "Sign up" flow was completed) THEN start the "Sign up" flow',
    );
  });

  it('starts the journey again when its trigger holds in the actionable batch, as a journey verdict only', async () => {
    const t = await agentSetup({ journey: true });
    await finishSignup(t, ACT);
    t.model.on(
      ACT,
      observe(
        (item) => item.startsWith('WHEN the customer wants to sign up') || item.includes('hours'),
      ),
    );
    expect(await t.turn('I want to sign up my partner, and when do you open?')).toEqual([
      ACT,
      'compose',
    ]);

    expect(await t.position('signup')).toMatchObject({ outcome: 'active', stateId: 'name' });
    const record = await t.lastRecord();
    expect(record.journeys).toEqual([
      expect.objectContaining({ journeyId: 'signup', action: 'restarted', decidedBy: ACT }),
    ]);
    expect(record.verdicts).toContainEqual(
      expect.objectContaining({ entity: { type: 'journey', id: 'signup' }, matched: true }),
    );
    const guidelineIds = record.verdicts
      .filter((v) => v.entity.type === 'guideline')
      .map((v) => v.entity.id);
    expect(guidelineIds).toEqual([t.hours.id]);
    expect(record.matched).toMatchObject({ guidelines: [t.hours.id], journeys: ['signup'] });
    expect(await t.ready()).toMatchObject({ matched_guidelines: [{ id: t.hours.id }] });
    // Not a guideline for the composer, and never tracked as applied.
    const compose = t.prompt('compose');
    expect(compose).toContain(HOURS.action);
    expect(compose).not.toContain('start the "Sign up" flow');
    const { state } = await t.conduct.store.sessions.get(t.session.id);
    expect(state.appliedGuidelines.map((entry) => entry.guidelineId)).toEqual([t.hours.id]);
  });

  it('keeps triggers in the observation batch when the agent has observations to check', async () => {
    const t = await agentSetup({ journey: true, observation: true });
    await finishSignup(t, OBSERVE);
    expect(await t.turn('when do you open?')).toEqual([ACT, 'compose', OBSERVE]);
    expect(t.prompt(OBSERVE)).toContain('WHEN the customer wants to sign up (a new request');
    expect(t.prompt(OBSERVE)).not.toContain('THEN start the');
    expect(t.prompt(ACT)).not.toContain('sign up');
  });

  it('still makes one call for the triggers when no guideline is evaluated by a model', async () => {
    const model = createScriptedModel().on(ACT, none);
    const t = await journeySetup({ model, strategies: STRATEGIES });
    await t.agent.journeys.create(SIGNUP);
    model.clearCalls();
    await t.say('hello');
    expect(t.calls().sort()).toEqual(['compose', OBSERVE]);
    // The trigger, and its first step riding along (a journey starting now may move on at once).
    expect(model.callsFor(OBSERVE)[0]?.messages[0]?.content).toBe(
      [
        '1. WHEN the customer wants to sign up',
        `2. WHEN both hold: (a) the customer's messages already give what the first step of the "Sign up" flow asks for ("Ask for their name"); (b) the customer gave a name`,
      ].join('\n'),
    );
  });
});
