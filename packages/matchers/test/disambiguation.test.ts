import { loadTokenizer } from '@conduct/core';
import { createScriptedModel } from '@conduct/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { disambiguationOptions } from '../src/disambiguation-options.js';
import { routeGuideline } from '../src/routing.js';
import { runMatchingTask } from '../src/run-task.js';
import { disambiguationTask } from '../src/tasks/disambiguation.js';
import { disambiguates, guideline, journey, turnContext } from './fixtures.js';

beforeAll(async () => {
  await loadTokenizer();
});

const source = guideline('faulty', {
  condition: 'the customer reports a faulty product without saying what they want',
});
const returns = guideline('return', {
  condition: 'the customer wants to return a product',
  action: 'start a return',
  title: 'returning the laptop',
});
const repair = guideline('repair', {
  condition: 'the customer wants a warranty repair',
  action: 'book a repair',
  title: 'a warranty repair',
  tags: ['repairs'],
});
const diagnose = guideline('diagnose', {
  condition: 'the customer wants help troubleshooting',
  action: 'walk them through a reset',
  tags: ['repairs'],
});
const tradeIn = journey('trade-in', 'Trade-in', 'swap an old device for credit');
const from = { type: 'guideline', id: 'faulty' } as const;

function context(model = createScriptedModel()) {
  return turnContext({
    model,
    conversation: ["Customer: My laptop's screen flickers."],
    guidelines: [source, returns, repair, diagnose],
    journeys: [tradeIn],
    relationships: [
      disambiguates(from, { type: 'guideline', id: 'return' }),
      disambiguates(from, { type: 'tag', id: 'repairs' }),
      disambiguates(from, { type: 'journey', id: 'trade-in' }),
      disambiguates(from, { type: 'guideline', id: 'not-visible' }),
      disambiguates(from, { type: 'tool', id: 'local:reset' }),
    ],
  });
}

describe('disambiguation', () => {
  it('lists the targets under the source with letters, tags expanded, journeys by title', () => {
    expect(disambiguationTask.describe(source, context())).toBe(
      [
        'WHEN the customer reports a faulty product without saying what they want, the customer may mean one of:',
        'a) the customer wants to return a product, then start a return',
        'b) the customer wants a warranty repair, then book a repair',
        'c) the customer wants help troubleshooting, then walk them through a reset',
        'd) the "Trade-in" flow: swap an old device for credit',
      ].join('\n'),
    );
  });

  it('matches when the condition holds and two or more targets fit, carrying the question', async () => {
    const model = createScriptedModel().on('disambiguation', {
      checks: [
        {
          n: 1,
          why: 'return or repair',
          applies: true,
          fits: ['A', 'b)'],
          ask: 'Would you like to return the laptop or have it repaired?',
        },
      ],
    });
    const result = await runMatchingTask(disambiguationTask, [source], context(model));
    expect(result.verdicts).toEqual([
      {
        guidelineId: 'faulty',
        matched: true,
        rationale:
          'Intent unclear between returning the laptop and a warranty repair — ask: "Would you like to return the laptop or have it repaired?"',
        clarification: {
          targets: [
            { type: 'guideline', id: 'return' },
            { type: 'guideline', id: 'repair' },
          ],
          question: 'Would you like to return the laptop or have it repaired?',
        },
      },
    ]);
  });

  it('names three options and falls back to a generic request when no question was written', async () => {
    const model = createScriptedModel().on('disambiguation', {
      checks: [{ n: 1, why: 'unclear', applies: true, fits: ['a', 'c', 'd'], ask: ' ' }],
    });
    const [verdict] = (await runMatchingTask(disambiguationTask, [source], context(model)))
      .verdicts;
    expect(verdict?.rationale).toBe(
      'Intent unclear between returning the laptop, the customer wants help troubleshooting and Trade-in — ask the customer which one they mean',
    );
  });

  it.each([
    ['only one target fits', { applies: true, fits: ['b'] }],
    ['letters it was not offered do not count', { applies: true, fits: ['b', 'q', 'zz'] }],
    ['the condition does not hold', { applies: false, fits: ['a', 'b'] }],
  ])('does not match when %s', async (_, check) => {
    const model = createScriptedModel().on('disambiguation', {
      checks: [{ n: 1, why: 'model reason', ask: 'Which one?', ...check }],
    });
    const result = await runMatchingTask(disambiguationTask, [source], context(model));
    expect(result.verdicts).toEqual([
      { guidelineId: 'faulty', matched: false, rationale: 'model reason' },
    ]);
  });

  it('routes a guideline that gets disambiguates relationships through one of its tags', () => {
    const tagged = guideline('tagged', { condition: 'something is unclear', tags: ['vague'] });
    const ctx = turnContext({
      model: createScriptedModel(),
      guidelines: [tagged, returns, repair],
      relationships: [
        disambiguates({ type: 'tag', id: 'vague' }, { type: 'guideline', id: 'return' }),
        disambiguates({ type: 'tag', id: 'vague' }, { type: 'guideline', id: 'repair' }),
      ],
    });
    expect(disambiguationOptions(tagged, ctx).map((o) => o.id)).toEqual(['return', 'repair']);
    expect(routeGuideline(tagged, ctx)).toBe('disambiguation');
  });
});
