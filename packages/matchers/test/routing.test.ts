import type { Guideline, GuidelineClassification } from '@conduct/core';
import { createScriptedModel } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { MATCHING_TASK_NAMES, type MatchingTaskName, routeGuideline } from '../src/routing.js';
import { disambiguates, guideline, turnContext } from './fixtures.js';

const classified = (facts: Partial<GuidelineClassification>): GuidelineClassification => ({
  customerDependent: false,
  continuous: false,
  contentHash: 'h',
  source: 'author',
  ...facts,
});

const a = guideline('a', { condition: 'wants a', action: 'do a' });
const b = guideline('b', { condition: 'wants b', action: 'do b' });
const rows: [string, Guideline, MatchingTaskName][] = [
  ['an observation', guideline('obs', { condition: 'the customer is a student' }), 'observation'],
  ['an action not applied yet', guideline('act', { condition: 'c', action: 'x' }), 'actionable'],
  [
    'a low-criticality action',
    guideline('low', { condition: 'c', action: 'x', criticality: 'low' }),
    'low-criticality',
  ],
  [
    'a low-criticality observation',
    guideline('lowobs', { condition: 'c', criticality: 'low' }),
    'low-criticality',
  ],
  [
    'a low-criticality applied action',
    guideline('lowapp', { condition: 'c', action: 'x', criticality: 'low' }),
    'low-criticality',
  ],
  ['an applied tracked action', guideline('app', { condition: 'c', action: 'x' }), 'reapply'],
  [
    'an applied untracked action',
    guideline('untracked', { condition: 'c', action: 'x', track: false }),
    'actionable',
  ],
  [
    'an applied continuous action',
    guideline('cont', {
      condition: 'c',
      action: 'x',
      classification: classified({ continuous: true }),
    }),
    'actionable',
  ],
  [
    'an applied customer-dependent action',
    guideline('dep', {
      condition: 'c',
      action: 'ask for the order number',
      classification: classified({ customerDependent: true }),
    }),
    'reapply-customer-dependent',
  ],
  [
    'a customer-dependent action not applied yet',
    guideline('dep-new', {
      condition: 'c',
      action: 'ask',
      classification: classified({ customerDependent: true }),
    }),
    'actionable',
  ],
  [
    'a disambiguation source with two targets',
    guideline('src', { condition: 'intent unclear' }),
    'disambiguation',
  ],
  [
    'a low-criticality disambiguation source',
    guideline('src-low', { condition: 'unclear', criticality: 'low' }),
    'disambiguation',
  ],
  [
    'a source with a single visible target',
    guideline('src-one', { condition: 'unclear' }),
    'observation',
  ],
];

describe('routeGuideline', () => {
  const all = rows.map(([, g]) => g);
  const context = turnContext({
    model: createScriptedModel(),
    guidelines: [...all, a, b],
    conversation: ['Customer: hi', 'Agent: hello', 'Customer: help'],
    applied: ['lowapp', 'app', 'untracked', 'cont', 'dep'].map((id) => ({
      guidelineId: id,
      reply: 1,
    })),
    relationships: [
      ...['src', 'src-low'].flatMap((id) =>
        ['a', 'b'].map((t) =>
          disambiguates({ type: 'guideline', id }, { type: 'guideline', id: t }),
        ),
      ),
      disambiguates({ type: 'guideline', id: 'src-one' }, { type: 'guideline', id: 'a' }),
      disambiguates({ type: 'guideline', id: 'src-one' }, { type: 'guideline', id: 'gone' }),
    ],
  });

  it.each(rows)('sends %s to its task', (_, g, task) => {
    expect(routeGuideline(g, context)).toBe(task);
  });

  it('covers every task name', () => {
    expect(new Set(rows.map(([, , task]) => task))).toEqual(new Set(MATCHING_TASK_NAMES));
  });
});
