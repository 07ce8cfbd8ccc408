import { loadTokenizer } from '@conduct/core';
import { answerPerItem, createScriptedModel, type PromptView } from '@conduct/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMatchingTask } from '../src/run-task.js';
import { actionableTask } from '../src/tasks/actionable.js';
import { observationTask } from '../src/tasks/observation.js';
import { guideline, turnContext } from './fixtures.js';

beforeAll(async () => {
  await loadTokenizer();
});

const DELIVERED = Date.parse('2026-11-02T12:00:00Z');
const conversation = [
  'Customer: I want to return my kettle from order 1042, it was delivered on 2 November 2026.',
];

// A careful model can only judge "more than 30 days ago" from a date the prompt states.
function today(prompt: PromptView): number | undefined {
  const shown = /Now: \w+ (\d{1,2} \w+ \d{4}), (\d\d:\d\d) \(([^)]+)\)/.exec(prompt.text);
  return shown === null ? undefined : Date.parse(`${shown[1]} ${shown[2]} UTC`);
}
const scriptByDate = answerPerItem({
  applies: (item, prompt) => {
    const now = today(prompt);
    if (!item.text.includes('more than 30 days ago') || now === undefined) return false;
    return now - DELIVERED > 30 * 24 * 3_600_000 ? 'delivered 35 days ago' : false;
  },
});

describe('matching tasks see the current date', () => {
  it.each([
    ['actionable', actionableTask, { action: 'explain that the return window has passed' }],
    ['observation', observationTask, {}],
  ] as const)(
    '%s: a date-relative condition matches from the date the prompt shows',
    async (_, task, extra) => {
      const model = createScriptedModel().on(task.name, scriptByDate);
      const window = guideline('g-window', {
        condition: 'the order was delivered more than 30 days ago',
        ...extra,
      });
      const context = turnContext({
        model,
        conversation,
        guidelines: [window],
        time: { now: new Date('2026-12-07T16:42:00Z'), timeZone: 'Europe/Paris' },
      });
      const result = await runMatchingTask(task, [window], context);
      expect(result.verdicts.map((v) => [v.guidelineId, v.matched])).toEqual([['g-window', true]]);
      const [call] = model.callsFor(task.name);
      expect(call?.messages.at(-1)?.content).toContain(
        '<current-time>\nNow: Monday 7 December 2026, 17:42 (Europe/Paris)\n</current-time>',
      );
      // Dynamic: the cached static prefix does not change with the clock.
      expect(call?.messages[0]?.content).not.toContain('Now:');
    },
  );

  it('a date within the window does not match (the script reads the date, not the task name)', async () => {
    const model = createScriptedModel().on(actionableTask.name, scriptByDate);
    const window = guideline('g-window', {
      condition: 'the order was delivered more than 30 days ago',
      action: 'explain that the return window has passed',
    });
    const context = turnContext({
      model,
      conversation,
      guidelines: [window],
      time: { now: new Date('2026-11-20T09:00:00Z'), timeZone: 'UTC' },
    });
    const result = await runMatchingTask(actionableTask, [window], context);
    expect(result.verdicts.map((v) => v.matched)).toEqual([false]);
  });
});
