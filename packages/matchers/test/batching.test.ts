import { batchByTokenBudget, countTokens, loadTokenizer } from '@conduct/core';
import { createScriptedModel } from '@conduct/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTaskStrategy } from '../src/task-strategy.js';
import { actionableTask } from '../src/tasks/actionable.js';
import { guideline, itemsOf, matchesByText, turnContext } from './fixtures.js';

beforeAll(async () => {
  await loadTokenizer();
});

describe('batchByTokenBudget', () => {
  const size = (text: string) => text.length;

  it('fills batches up to the budget, keeping order', () => {
    expect(batchByTokenBudget(['aaa', 'bb', 'cccc', 'd', 'ee'], size, { budgetTokens: 5 })).toEqual(
      [['aaa', 'bb'], ['cccc', 'd'], ['ee']],
    );
  });

  it('caps items per batch and gives an oversized item a batch of its own', () => {
    expect(batchByTokenBudget(['a', 'b', 'c'], size, { maxItems: 2 })).toEqual([['a', 'b'], ['c']]);
    expect(batchByTokenBudget(['a', 'toolong', 'b'], size, { budgetTokens: 3 })).toEqual([
      ['a'],
      ['toolong'],
      ['b'],
    ]);
  });
});

describe('a task over many guidelines', () => {
  it('splits 30 guidelines into several batches and sends them all at once', async () => {
    const guidelines = Array.from({ length: 30 }, (_, i) =>
      guideline(`g${i}`, {
        condition: `the customer asks about product line number ${i}`,
        action: `describe product line ${i}`,
      }),
    );
    const model = createScriptedModel({ latencyMs: 40 }).on(
      'actionable',
      matchesByText('number 7 '),
    );
    const context = turnContext({ model, guidelines });
    const budgetTokens = 60;
    const strategy = createTaskStrategy(actionableTask, { batch: { budgetTokens } });

    const started = performance.now();
    const result = await strategy.evaluate(guidelines, context);
    const elapsed = performance.now() - started;

    const calls = model.callsFor('actionable');
    expect(calls.length).toBeGreaterThanOrEqual(3);
    for (const call of calls) {
      const items = itemsOf(call);
      expect(items.map(([n]) => n)).toEqual(items.map((_, i) => i + 1));
      const tokens = items.reduce((sum, [, text]) => sum + countTokens(text), 0);
      expect(tokens).toBeLessThanOrEqual(budgetTokens);
    }
    expect(calls.flatMap((call) => itemsOf(call)).length).toBe(30);
    // One parallel wave: every call started before any call ended.
    const lastStart = Math.max(...calls.map((call) => Date.parse(call.startedAt)));
    const firstEnd = Math.min(...calls.map((call) => Date.parse(call.endedAt ?? '')));
    expect(lastStart).toBeLessThanOrEqual(firstEnd);
    expect(elapsed).toBeLessThan(40 * calls.length);

    expect(result.unevaluated).toEqual([]);
    expect(result.verdicts).toHaveLength(30);
    expect(result.verdicts.filter((v) => v.matched).map((v) => v.guidelineId)).toEqual(['g7']);
  });
});
