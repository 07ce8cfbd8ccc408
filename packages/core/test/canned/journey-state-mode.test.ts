import { describe, expect, it } from 'vitest';
import { alwaysPreamble } from '../../src/engine/preamble.js';
import { scripted } from '../../src/testing/model-script.js';
import { journeySetup, OBSERVE, observe, STEP } from '../journeys/harness.js';
import { agentTexts } from './canned-harness.js';
import { choose, refundJourney } from './fixtures.js';

/** A refund journey whose `confirm` state demands approved wording; the agent itself is fluid. */
const REFUND = refundJourney('strict_canned');

/** Turn 1 enters the journey at `ask` (fluid); turn 2 moves it to the strict `confirm` state. */
async function inStrictState(options: Parameters<typeof journeySetup>[0] = {}) {
  const t = await journeySetup(options);
  await t.agent.journeys.create(REFUND);
  const askLine = await t.agent.cannedResponses.create({
    value: 'Which order should I refund?',
    journeyStates: ['ask'],
  });
  const confirmLine = await t.agent.cannedResponses.create({
    value: 'Your refund is confirmed and will arrive within 5 days.',
    journeyStates: ['confirm'],
  });
  t.model.on(
    OBSERVE,
    observe((condition) => condition.startsWith('the customer wants a refund')),
  );
  t.model.on('compose', 'Sure! What is the order number?');
  await t.say('I want a refund');
  t.model.on(
    OBSERVE,
    observe(() => false),
  );
  t.model.queue(STEP, { action: 'advance', to: 'confirm' });
  t.model.on('canned-strict', choose('refund is confirmed'));
  await t.say('order 4411');
  return { ...t, askLine, confirmLine };
}

describe('a journey state that sets the composition mode (full turns)', () => {
  it('composes the turn at that state in strict mode, with only that state’s templates', async () => {
    const t = await inStrictState();
    const messages = (await t.events({ kinds: ['message'] })).filter(
      (event) => event.source === 'ai_agent',
    );
    expect(messages.map((e) => e.kind === 'message' && e.data.message)).toEqual([
      'Sure! What is the order number?',
      'Your refund is confirmed and will arrive within 5 days.',
    ]);
    const last = messages.at(-1);
    expect(last?.kind === 'message' && last.data.canned_responses).toEqual([
      [t.confirmLine.id, 'Your refund is confirmed and will arrive within 5 days.'],
    ]);
    // One compose on turn 1 only: the strict turn decided in one call, with no draft first.
    expect(t.model.callsFor('compose')).toHaveLength(1);
    const strictPrompt = t.model
      .callsFor('canned-strict')[0]
      ?.messages.map((m) => m.content)
      .join('\n');
    expect(strictPrompt).toContain('refund is confirmed');
    expect(strictPrompt).not.toContain('Which order should I refund?');
    const record = await t.lastRecord();
    expect(record.composition).toMatchObject({
      mode: 'strict_canned',
      modeSource: { type: 'journey-state', id: 'refund:confirm' },
      outcome: 'template',
      chosen: t.confirmLine.id,
      candidates: [t.confirmLine.id],
    });
  });

  it('never sends a model-written preamble while the session is at a strict journey state', async () => {
    const t = await inStrictState({ preamble: alwaysPreamble });
    t.model.clearCalls();
    t.model.on('preamble', 'Sure thing, I will sort out everything for you right away!');
    // The step is slow, so a preamble would be out before the reply.
    t.model.queue(STEP, scripted.delay(40, { action: 'stay' }));
    await t.say('thanks, when will it arrive?');
    expect(t.model.callsFor('preamble')).toHaveLength(0);
    const texts = agentTexts(await t.events());
    expect(texts).not.toContain('Sure thing, I will sort out everything for you right away!');
    expect(texts.at(-1)).toBe('Your refund is confirmed and will arrive within 5 days.');
  });

  it('never sends a model-written preamble when a candidate guideline could make the turn strict', async () => {
    const t = await journeySetup({ preamble: alwaysPreamble });
    await t.agent.guidelines.create({
      condition: 'the customer asks about a refund',
      action: 'state the refund policy',
      compositionMode: 'strict_canned',
    });
    await t.agent.cannedResponses.create({ value: 'Refunds take 5 days.' });
    t.model.on('preamble', 'Great question, refunds are always instant!');
    t.model.on(
      OBSERVE,
      scripted.delay(
        40,
        observe((condition) => condition.startsWith('the customer asks about a refund')),
      ),
    );
    t.model.on('canned-strict', choose('Refunds take'));
    await t.say('how do refunds work?');
    expect(t.model.callsFor('preamble')).toHaveLength(0);
    expect(agentTexts(await t.events())).toEqual(['Refunds take 5 days.']);
  });
});
