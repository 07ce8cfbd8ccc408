import { formatNumberedList, loadTokenizer } from '@conduct/core';
import { createScriptedModel, type ScriptedModel, scripted } from '@conduct/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MatchingTask } from '../src/matching-task.js';
import { runMatchingTask } from '../src/run-task.js';
import { actionableTask } from '../src/tasks/actionable.js';
import { disambiguationTask } from '../src/tasks/disambiguation.js';
import { lowCriticalityTask } from '../src/tasks/low-criticality.js';
import { observationTask } from '../src/tasks/observation.js';
import { reapplyTask } from '../src/tasks/reapply.js';
import { reapplyCustomerDependentTask } from '../src/tasks/reapply-customer-dependent.js';
import { disambiguates, guideline, turnContext } from './fixtures.js';

beforeAll(async () => {
  await loadTokenizer();
});

/** The generic tests pin each task's usual answer, the list of matches, even for 2 items. */
const LIST_FORM = { perItemUpTo: 0 };

const conversation = [
  'Customer: My kettle stopped working.',
  'Agent: Sorry to hear that! What is your order number?',
  'Customer: I would like my money back.',
];

// Two guidelines per task, shaped as routing would send them; disambiguation sources get
// two targets each so their items render options.
const targets = [
  guideline('t-return', {
    condition: 'the customer wants to return a product',
    action: 'start a return',
  }),
  guideline('t-repair', { condition: 'the customer wants a repair', action: 'book a repair' }),
];
const cases: {
  task: MatchingTask;
  guidelines: ReturnType<typeof guideline>[];
  /**
   * An answer: `verdicts[i]` for local number i + 1; `extra` adds an answer (that it applies)
   * for that number.
   */
  answer: (verdicts: boolean[], extra?: number) => object;
}[] = [
  { task: actionableTask, guidelines: withAction(), answer: matches },
  { task: observationTask, guidelines: observations(), answer: matches },
  { task: reapplyTask, guidelines: withAction(), answer: matches },
  { task: reapplyCustomerDependentTask, guidelines: withAction(), answer: matches },
  {
    task: lowCriticalityTask,
    guidelines: withAction().map((g) => ({ ...g, criticality: 'low' as const })),
    answer: (verdicts, extra) => ({
      applies: [...verdicts.flatMap((yes, i) => (yes ? [i + 1] : [])), ...(extra ? [extra] : [])],
    }),
  },
  {
    task: disambiguationTask,
    guidelines: observations(),
    answer: (verdicts, extra) => ({
      checks: [...verdicts, ...(extra ? [true] : [])].map((yes, i) => ({
        n: i === verdicts.length ? extra : i + 1,
        why: 'scripted',
        applies: yes,
        fits: ['a', 'b'],
        ask: 'Return or repair?',
      })),
    }),
  },
];

function withAction() {
  return [
    guideline('g1', {
      condition: 'the customer requests reimbursement',
      action: 'explain the refund policy',
    }),
    guideline('g2', {
      condition: 'the customer asks about opening hours',
      action: 'give the hours',
    }),
  ];
}
function observations() {
  return [
    guideline('g1', { condition: 'the customer has a defective item' }),
    guideline('g2', { condition: 'the customer is a business customer' }),
  ];
}
/** A matches-only answer: lists the items that apply, leaves the others out. */
function matches(verdicts: boolean[], extra?: number) {
  return {
    applies: [
      ...verdicts.flatMap((applies, i) => (applies ? [{ n: i + 1, why: 'scripted' }] : [])),
      ...(extra === undefined ? [] : [{ n: extra, why: 'not asked' }]),
    ],
  };
}

function setup(
  task: MatchingTask,
  guidelines: ReturnType<typeof guideline>[],
  model: ScriptedModel,
) {
  return turnContext({
    model,
    conversation,
    guidelines: [...guidelines, ...targets],
    applied: guidelines.map((g) => ({ guidelineId: g.id, count: 2, reply: 1 })),
    relationships:
      task === disambiguationTask
        ? guidelines.flatMap((g) =>
            targets.map((t) =>
              disambiguates({ type: 'guideline', id: g.id }, { type: 'guideline', id: t.id }),
            ),
          )
        : [],
  });
}

describe.each(cases)('task $task.name', ({ task, guidelines, answer }) => {
  it('puts static instructions and examples first, the numbered items last', async () => {
    const model = createScriptedModel().on(task.name, answer([true, false]));
    await runMatchingTask(task, guidelines, setup(task, guidelines, model), LIST_FORM);
    const [call] = model.callsFor(task.name);
    const [system, user, ...rest] = call?.messages ?? [];
    expect(rest).toEqual([]);
    expect(system).toMatchObject({ role: 'system', cacheBreakpoint: true });
    expect(system?.content).toContain(task.instructions[0]);
    expect(system?.content).toContain('Example 1');
    // Nothing of this turn may leak into the cached prefix.
    expect(system?.content).not.toContain('kettle');
    expect(system?.content).not.toContain(guidelines[0]?.condition);
    expect(user?.role).toBe('user');
    expect(user?.content).toContain('Customer (Dana): I would like my money back.');
    expect(user?.content).toMatch(
      /<items>\n1\. [^\n]*the customer (requests reimbursement|has a defective)/,
    );
    expect(user?.content.trimEnd().endsWith('</items>')).toBe(true);
    expect(user?.content).toContain(
      formatNumberedList([task.describe(guidelines[1]!, setup(task, guidelines, model))], {
        start: 2,
      }),
    );
    expect(call?.request).toMatchObject({
      task: task.name,
      schemaName: task.name.replaceAll('-', '_'),
    });
  });

  it('maps local answer numbers back to guideline ids', async () => {
    const model = createScriptedModel().on(task.name, answer([false, true]));
    const result = await runMatchingTask(
      task,
      guidelines,
      setup(task, guidelines, model),
      LIST_FORM,
    );
    expect(result.unevaluated).toEqual([]);
    expect(result.verdicts.map((v) => [v.guidelineId, v.matched])).toEqual([
      ['g1', false],
      ['g2', true],
    ]);
  });

  it('leaves the whole batch unevaluated, with the error, when the output stays invalid', async () => {
    const model = createScriptedModel().queue(task.name, scripted.invalid(), scripted.invalid());
    const result = await runMatchingTask(task, guidelines, setup(task, guidelines, model));
    expect(model.callsFor(task.name)[0]?.attempts).toHaveLength(2);
    expect(result.verdicts).toEqual([]);
    expect(result.unevaluated?.map((u) => u.guidelineId)).toEqual(['g1', 'g2']);
    expect(result.unevaluated?.[0]?.error).toMatch(/\S/);
    expect(result.unevaluated?.[0]?.error).toBe(
      (model.calls[0]?.error as Error | undefined)?.message,
    );
  });
});

describe('disambiguation', () => {
  it('ignores answers about numbers it did not ask, and reports unanswered ones', async () => {
    const { guidelines, answer } = cases.find((c) => c.task === disambiguationTask)!;
    const model = createScriptedModel().on(disambiguationTask.name, answer([true], 7));
    const context = setup(disambiguationTask, guidelines, model);
    const result = await runMatchingTask(disambiguationTask, guidelines, context);
    expect(result.verdicts.map((v) => v.guidelineId)).toEqual(['g1']);
    expect(result.unevaluated).toEqual([
      { guidelineId: 'g2', error: 'the model gave no answer for it' },
    ]);
  });
});

// The reasoned tasks answer "matches only": every item left out is evaluated as not applying,
// as long as the list is sound.
describe.each(cases.filter((c) => c.answer === matches))(
  'matches-only task $task.name',
  ({ task, guidelines }) => {
    const run = async (answer: object) => {
      const model = createScriptedModel().on(task.name, answer);
      return runMatchingTask(task, guidelines, setup(task, guidelines, model), LIST_FORM);
    };

    it('evaluates the items it leaves out as not applying, without a rationale', async () => {
      const result = await run({ applies: [{ n: 2, why: 'the second one holds' }] });
      expect(result.unevaluated).toEqual([]);
      expect(result.verdicts).toStrictEqual([
        { guidelineId: 'g1', matched: false },
        { guidelineId: 'g2', matched: true, rationale: 'the second one holds' },
      ]);
    });

    it('evaluates every item as not applying when the answer lists none', async () => {
      const result = await run({ applies: [] });
      expect(result.unevaluated).toEqual([]);
      expect(result.verdicts).toStrictEqual([
        { guidelineId: 'g1', matched: false },
        { guidelineId: 'g2', matched: false },
      ]);
    });

    it('rejects numbers it did not ask: the batch is unevaluated, never "no"', async () => {
      const result = await run({
        applies: [
          { n: 7, why: 'not asked' },
          { n: 0, why: 'not asked either' },
          { n: 1, why: 'first reason' },
        ],
      });
      expect(result.verdicts).toEqual([]);
      expect(result.unevaluated?.map((u) => u.guidelineId)).toEqual(['g1', 'g2']);
      expect(result.unevaluated?.[0]?.error).toContain('item 7 was not asked');
      expect(result.unevaluated?.[0]?.error).toContain('item 0 was not asked');
    });

    it('keeps the first reason of a duplicate, and leaves the items it omits unevaluated', async () => {
      const result = await run({
        applies: [
          { n: 1, why: 'first reason' },
          { n: 1, why: 'second reason' },
        ],
      });
      expect(result.verdicts).toStrictEqual([
        { guidelineId: 'g1', matched: true, rationale: 'first reason' },
      ]);
      expect(result.unevaluated).toEqual([
        { guidelineId: 'g2', error: 'the model answered item 1 twice' },
      ]);
    });
  },
);

describe('low-criticality', () => {
  it('gives every item a verdict from a bare number list', async () => {
    const guidelines = cases[4]!.guidelines;
    const model = createScriptedModel().on('low-criticality', { applies: [2] });
    const context = turnContext({ model, conversation, guidelines });
    const result = await runMatchingTask(lowCriticalityTask, guidelines, context);
    expect(result.unevaluated).toEqual([]);
    expect(result.verdicts).toEqual([
      { guidelineId: 'g1', matched: false },
      { guidelineId: 'g2', matched: true },
    ]);
  });

  it('rejects a number it did not ask: the batch is unevaluated, never "no"', async () => {
    const guidelines = cases[4]!.guidelines;
    const model = createScriptedModel().on('low-criticality', { applies: [2, 9] });
    const context = turnContext({ model, conversation, guidelines });
    const result = await runMatchingTask(lowCriticalityTask, guidelines, context);
    expect(result.verdicts).toEqual([]);
    expect(result.unevaluated?.[0]?.error).toContain('item 9 was not asked');
  });

  it('shows observations as bare conditions and marks what was done before', () => {
    const model = createScriptedModel();
    const observation = guideline('o', {
      condition: 'the customer mentions the weather',
      criticality: 'low',
    });
    const done = guideline('d', {
      condition: 'a greeting',
      action: 'greet back',
      criticality: 'low',
    });
    const context = turnContext({
      model,
      conversation,
      guidelines: [observation, done],
      applied: [{ guidelineId: 'd', reply: 1 }],
    });
    expect(lowCriticalityTask.describe(observation, context)).toBe(
      'WHEN the customer mentions the weather',
    );
    expect(lowCriticalityTask.describe(done, context)).toBe(
      'WHEN a greeting THEN greet back (done before)',
    );
  });
});

describe('reapply tasks', () => {
  it.each([reapplyTask, reapplyCustomerDependentTask])(
    '$name says how often and how long ago each item was applied',
    async (task) => {
      const guidelines = withAction();
      const model = createScriptedModel().on(task.name, matches([false, false]));
      const context = turnContext({
        model,
        conversation: [...conversation, 'Agent: Noted.', 'Customer: And one more thing.'],
        guidelines,
        applied: [
          { guidelineId: 'g1', count: 2, reply: 1 },
          { guidelineId: 'g2', count: 1, reply: 3 },
        ],
      });
      await runMatchingTask(task, guidelines, context);
      const user = model.callsFor(task.name)[0]?.messages.at(-1)?.content ?? '';
      expect(user).toContain(
        '1. applied 2 times earlier in this conversation, last 2 customer messages ago',
      );
      expect(user).toContain(
        '2. applied once earlier in this conversation, in the agent reply just before the latest customer message',
      );
      expect(user.indexOf('When the agent already applied')).toBeLessThan(user.indexOf('<items>'));
    },
  );
});
