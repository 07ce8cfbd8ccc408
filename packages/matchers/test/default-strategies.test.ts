import { loadTokenizer } from '@conduct/core';
import { createScriptedModel } from '@conduct/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultStrategies } from '../src/default-strategies.js';
import { MATCHING_TASK_NAMES } from '../src/routing.js';
import { alwaysStrategy } from '../src/strategies/always-strategy.js';
import { guideline, matchesByText, turnContext } from './fixtures.js';

beforeAll(async () => {
  await loadTokenizer();
});

const observation = guideline('obs', { condition: 'the customer is a student' });
const actions = [
  guideline('a1', { condition: 'the customer wants a refund', action: 'explain refunds' }),
  guideline('a2', { condition: 'the customer wants a discount', action: 'offer 10%' }),
];

describe('defaultStrategies', () => {
  it('puts non-model strategies first, then one strategy per task in routing order', () => {
    const always = alwaysStrategy({ ids: ['obs'] });
    const strategies = defaultStrategies({ before: [always] });
    expect(strategies[0]).toBe(always);
    expect(strategies.map((s) => s.name)).toEqual(['always', ...MATCHING_TASK_NAMES]);
  });

  it('lets each model strategy take only the guidelines routed to it', () => {
    const context = turnContext({
      model: createScriptedModel(),
      guidelines: [observation, ...actions],
    });
    const takers = (id: string) =>
      defaultStrategies()
        .filter((s) => s.handles([observation, ...actions].find((g) => g.id === id)!, context))
        .map((s) => s.name);
    expect(takers('obs')).toEqual(['observation']);
    expect(takers('a1')).toEqual(['actionable']);
  });

  it('applies per-task batch options over the shared ones, and task overrides', async () => {
    const model = createScriptedModel()
      .on('actionable', matchesByText('refund'))
      .on('observation', matchesByText('student'));
    const context = turnContext({
      model,
      conversation: ['Customer: I am a student and want a refund.'],
      guidelines: [observation, ...actions],
    });
    const strategies = defaultStrategies({
      batch: { maxItems: 1 },
      tasks: {
        actionable: { batch: { maxItems: 5 } },
        observation: {
          override: (task) => ({ ...task, instructions: ['Custom observation rules.'] }),
        },
      },
    });
    const byName = new Map(strategies.map((s) => [s.name, s]));
    const acted = await byName.get('actionable')?.evaluate(actions, context);
    const observed = await byName.get('observation')?.evaluate([observation], context);
    expect(model.callsFor('actionable')).toHaveLength(1);
    expect(acted?.verdicts.map((v) => [v.guidelineId, v.matched])).toEqual([
      ['a1', true],
      ['a2', false],
    ]);
    expect(observed?.verdicts[0]?.matched).toBe(true);
    const system = model.callsFor('observation')[0]?.messages[0]?.content ?? '';
    expect(system).toContain('Custom observation rules.');
    expect(system).not.toContain('You judge which statements');
  });

  it('accepts field overrides and a per-task history budget', async () => {
    const model = createScriptedModel().on('actionable', matchesByText());
    const old = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0 ? `Customer: old question ${i}` : `Agent: old answer ${i}`,
    );
    const context = turnContext({
      model,
      conversation: [...old, 'Customer: newest message'],
      guidelines: actions,
    });
    const [strategy] = defaultStrategies({
      historyBudgetTokens: 10_000,
      tasks: { actionable: { historyBudgetTokens: 20, override: { examples: [] } } },
    }).filter((s) => s.name === 'actionable');
    await strategy?.evaluate(actions, context);
    const [system, user] = model.callsFor('actionable')[0]?.messages ?? [];
    expect(system?.content).not.toContain('Example 1');
    expect(user?.content).toContain('newest message');
    expect(user?.content).not.toContain('old question 0');
  });

  it('rejects options for a task that does not exist', () => {
    expect(() =>
      defaultStrategies({ tasks: { low_criticality: {} } as Record<string, object> }),
    ).toThrow(/unknown task 'low_criticality'.*'low-criticality'/);
  });
});
