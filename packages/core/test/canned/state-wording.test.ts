import { describe, expect, it } from 'vitest';
import { viewPrompt, whenPrompt } from '../../src/testing/model-evidence.js';
import type { ScriptedRequest } from '../../src/testing/model-script.js';
import { journeySetup, OBSERVE, observe, STEP } from '../journeys/harness.js';
import { numberOf, refundJourney } from './fixtures.js';

const APPROVED =
  'Your refund is confirmed: the money will be back on your card within 5 business days.';
const OWN_WORDS = 'Done! Your refund is on its way.';

/** A refund journey whose `confirm` state uses approved wording where it fits (`canned_fluid`). */
const REFUND = refundJourney('canned_fluid');

/**
 * `canned-select` as a careful model answers: a full fit for the template the draft states word
 * for word, else the refund template as a partial fit (it says the main point only).
 */
function selectOnEvidence(request: ScriptedRequest) {
  const prompt = viewPrompt(request);
  const exact = numberOf(prompt.text, prompt.section('draft') ?? '(no draft)');
  if (exact > 0) return { choice: exact, fit: 'full', fields: [] };
  return { choice: numberOf(prompt.text, 'refund is confirmed'), fit: 'partial', fields: [] };
}

describe('a canned_fluid journey state with approved templates', () => {
  it("shows the drafter the state's templates, so the draft uses them and the template is sent", async () => {
    const t = await journeySetup();
    await t.agent.journeys.create(REFUND);
    const confirmLine = await t.agent.cannedResponses.create({
      value: APPROVED,
      journeyStates: ['refund:confirm'],
    });
    await t.agent.cannedResponses.create({ value: 'Our stores open at 9.' });
    // The composer writes the approved wording only when its prompt shows it.
    t.model.on(
      'compose',
      whenPrompt({
        shows: APPROVED,
        in: 'approved-wording',
        answer: APPROVED,
        otherwise: OWN_WORDS,
      }),
    );
    t.model.on('canned-select', selectOnEvidence);
    t.model.on(
      OBSERVE,
      observe((condition) => condition.startsWith('the customer wants a refund')),
    );
    await t.say('I want a refund');
    t.model.on(
      OBSERVE,
      observe(() => false),
    );
    t.model.queue(STEP, { action: 'advance', to: 'confirm' });
    await t.say('order 4411');

    const [first, second] = t.model.callsFor('compose').map((call) => viewPrompt(call));
    // A fluid turn has no such section; the canned_fluid state's draft shows its template only.
    expect(first?.section('approved-wording')).toBeUndefined();
    expect(second?.section('approved-wording')).toContain(APPROVED);
    expect(second?.section('approved-wording')).not.toContain('Our stores open at 9.');
    const replies = (await t.events({ kinds: ['message'] })).filter(
      (event) => event.source === 'ai_agent',
    );
    expect(replies.at(-1)?.data).toMatchObject({
      message: APPROVED,
      draft: APPROVED,
      canned_responses: [[confirmLine.id, APPROVED]],
    });
    expect((await t.lastRecord()).composition).toMatchObject({
      mode: 'canned_fluid',
      modeSource: { type: 'journey-state', id: 'refund:confirm' },
      outcome: 'template',
      chosen: confirmLine.id,
    });
  });
});
