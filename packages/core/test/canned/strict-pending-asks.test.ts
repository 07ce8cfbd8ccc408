import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CANNOT_HELP_REPLY,
  type NoMatchSituation,
} from '../../src/canned/canned-options.js';
import type { MatchingStrategy } from '../../src/engine/matching-strategy.js';
import { viewPrompt } from '../../src/testing/model-evidence.js';
import type { ScriptedRequest } from '../../src/testing/model-script.js';
import { journeySetup, OBSERVE, observe } from '../journeys/harness.js';
import { agentTexts, cannedSetup } from './canned-harness.js';
import { numberOf } from './fixtures.js';

const QUESTION = 'Would you like to return the laptop or have it repaired?';

/**
 * `canned-strict` as a careful model answers: the template containing `asks` when the prompt
 * shows `evidence` in `section` (the question the reply must ask) and lists such a template;
 * otherwise "none".
 */
function strictOnEvidence(options: { section: string; evidence: string; asks: string }) {
  return (request: ScriptedRequest) => {
    const prompt = viewPrompt(request);
    const choice = prompt.shows(options.evidence, options.section)
      ? numberOf(prompt.text, options.asks)
      : 0;
    return {
      draft: choice > 0 ? `Ask: ${options.evidence}` : 'nothing approved says it',
      choice,
      fit: choice > 0 ? 'full' : 'none',
      fields: [],
    };
  };
}

/** Every guideline matches; `unclear` asks {@link QUESTION} about `targets`. */
function clarifyingStrategy(ids: { unclear: string; targets: string[] }): MatchingStrategy {
  return {
    name: 'scripted',
    handles: () => true,
    evaluate: async (guidelines) => ({
      verdicts: guidelines.map((g) => ({
        guidelineId: g.id,
        matched: true,
        ...(g.id === ids.unclear
          ? {
              clarification: {
                targets: ids.targets.map((id) => ({ type: 'guideline' as const, id })),
                question: QUESTION,
              },
            }
          : {}),
      })),
    }),
  };
}

describe('strict mode with a clarifying question pending', () => {
  it('shows the template that asks it, however many templates share words with the message', async () => {
    const ids = { unclear: '', targets: [] as string[] };
    const t = await cannedSetup(
      { compositionMode: 'strict_canned' },
      { strategies: [clarifyingStrategy(ids)], canned: { maxCandidates: 2 } },
    );
    const returnIt = await t.agent.guidelines.create({
      condition: 'wants to return an item',
      action: 'offer a return label',
    });
    const repair = await t.agent.guidelines.create({
      condition: 'wants a repair',
      action: 'book a repair',
    });
    const unclear = await t.agent.guidelines.create({
      condition: 'mentions a broken laptop without saying what they want',
    });
    await unclear.disambiguates([returnIt, repair]);
    Object.assign(ids, { unclear: unclear.id, targets: [returnIt.id, repair.id] });
    await t.agent.cannedResponses.create({ value: 'Thanks for contacting us about your laptop.' });
    await t.agent.cannedResponses.create({ value: 'Sorry your laptop is broken!' });
    const asks = await t.agent.cannedResponses.create({
      value: 'Would you like to return it, or have it repaired?',
    });
    t.model.on(
      'canned-strict',
      strictOnEvidence({ section: 'clarify', evidence: QUESTION, asks: 'return it, or have it' }),
    );
    await t.say('my laptop is broken, thanks');

    expect(agentTexts(await t.events())).toEqual([
      'Would you like to return it, or have it repaired?',
    ]);
    const record = await t.lastRecord();
    expect(record.composition).toMatchObject({ outcome: 'template', chosen: asks.id });
    expect(record.composition?.candidates).toContain(asks.id);
  });
});

/** A refund journey whose first step asks for the order number. */
const REFUND = {
  id: 'refund',
  title: 'Refund an order',
  triggers: ['the customer wants a refund'],
  states: [
    { id: 'ask', type: 'chat' as const, instruction: 'Ask for the order number' },
    { id: 'done', type: 'end' as const },
  ],
  transitions: [{ from: 'ask', to: 'done', condition: 'the customer gave an order number' }],
};

/** A strict agent whose refund journey starts on the customer's first message. */
async function strictJourney(options: Parameters<typeof journeySetup>[0] = {}) {
  const t = await journeySetup(options);
  await t.conduct.store.agents.update(t.agent.id, { compositionMode: 'strict_canned' });
  await t.agent.journeys.create(REFUND);
  t.model.on(
    OBSERVE,
    observe((condition) => condition.startsWith('the customer wants a refund')),
  );
  t.model.on(
    'canned-strict',
    strictOnEvidence({
      section: 'journey-steps',
      evidence: 'Ask for the order number',
      asks: 'order number',
    }),
  );
  return t;
}

describe('strict mode at a journey step that asks the customer something', () => {
  it('asks through the template that asks it', async () => {
    const t = await strictJourney();
    const ask = await t.agent.cannedResponses.create({
      value: 'Which order would you like refunded? Please send me its order number.',
      journeyStates: ['refund:ask'],
    });
    await t.say('I want a refund');
    expect(agentTexts(await t.events())).toEqual([
      'Which order would you like refunded? Please send me its order number.',
    ]);
    expect((await t.lastRecord()).composition).toMatchObject({
      outcome: 'template',
      chosen: ask.id,
    });
  });

  it('says it cannot help when no template asks it, and records the step left unsaid', async () => {
    const t = await strictJourney();
    await t.say('I want a refund');
    expect(agentTexts(await t.events())).toEqual([DEFAULT_CANNOT_HELP_REPLY]);
    expect((await t.lastRecord()).composition).toMatchObject({
      outcome: 'no-match',
      chosen: null,
      reason: expect.stringContaining(
        'left unsaid: the step of journey "Refund an order": "Ask for the order number"',
      ),
    });
  });

  it('gives a noMatchReply function the step left unsaid when the model finds no template for it', async () => {
    const situations: NoMatchSituation[] = [];
    const t = await strictJourney({
      canned: {
        noMatchReply: (_context, situation) => {
          situations.push(situation);
          return situation.unsaid.length > 0
            ? 'Refunds are handled by phone: call 0800 123 456.'
            : 'Could you rephrase that?';
        },
      },
    });
    await t.agent.cannedResponses.create({ value: 'Our stores open at 9.' });
    await t.say('I want a refund');
    expect(t.model.callsFor('canned-strict')).toHaveLength(1);
    expect(agentTexts(await t.events())).toEqual([
      'Refunds are handled by phone: call 0800 123 456.',
    ]);
    expect(situations).toEqual([
      {
        unsaid: [
          { source: 'journey-step', text: 'Ask for the order number', journey: 'Refund an order' },
        ],
      },
    ]);
  });
});
