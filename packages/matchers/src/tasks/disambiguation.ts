import {
  formatMarkedList,
  type Guideline,
  itemAnswersSchema,
  type TurnContext,
} from '@conduct/core';
import { z } from 'zod';
import { CHECK_REASON } from '../answer-shapes.js';
import { type DisambiguationOption, disambiguationOptions } from '../disambiguation-options.js';
import type { MatchingTask } from '../matching-task.js';
import { LATEST_POINT_DEFINITION } from './latest-point.js';

/** Output schema of {@link disambiguationTask}. */
export const disambiguationSchema = itemAnswersSchema({
  list: 'checks',
  reason: { key: 'why', rule: CHECK_REASON },
  verdict: {
    applies: z.boolean().describe('the condition holds now'),
    fits: z.array(z.string()).describe('letters of the options that fit; [] if none'),
    ask: z.string().describe('question for the customer if 2+ options fit, else ""'),
  },
});
/** Answer of {@link disambiguationTask}. */
export type DisambiguationAnswer = z.output<typeof disambiguationSchema>;

/**
 * `disambiguation`: for the source of `disambiguates` relationships — does its condition hold,
 * and is the customer's intent unclear between two or more of its targets? Matched only then,
 * with a rationale that names the options and carries the question for the composer. When a
 * single target fits, the source is not matched: that target is judged by its own task.
 */
export const disambiguationTask: MatchingTask<DisambiguationAnswer> = {
  name: 'disambiguation',
  instructions: [
    "You spot when a customer's request could mean several different things, so that the agent asks before acting.",
    'Each item is a condition followed by lettered options: the things the customer might want when the condition holds.',
    'First decide whether the condition holds at the latest point of the conversation (applies).',
    LATEST_POINT_DEFINITION,
    'If it does, list in fits the letters of every option that matches what the customer said and that the conversation does not rule out. If the customer has made clear which one they want, by saying so or by answering an earlier question, only that option fits.',
    'When two or more options fit, write in ask one short, friendly question the agent can send to learn which one the customer wants; otherwise leave ask empty.',
    CHECK_REASON.everyItem('applies, fits and ask'),
  ],
  examples: [
    {
      conversation: ["Customer (Noor): My new laptop's screen keeps flickering."],
      items: [
        [
          'WHEN the customer reports a faulty product without saying what they want done, the customer may mean one of:',
          'a) the customer wants to return a product, then start a return',
          'b) the customer wants a warranty repair, then book a repair',
          'c) the "Track an order" flow: find where a parcel is',
        ].join('\n'),
      ],
      answer: {
        checks: [
          {
            n: 1,
            why: 'faulty laptop; return or repair both possible',
            applies: true,
            fits: ['a', 'b'],
            ask: 'Would you like to return the laptop, or have it repaired under warranty?',
          },
        ],
      },
    },
    {
      conversation: [
        "Customer (Noor): My new laptop's screen keeps flickering.",
        'Agent: Would you like to return the laptop, or have it repaired under warranty?',
        'Customer (Noor): Repair, please.',
      ],
      items: [
        [
          'WHEN the customer reports a faulty product without saying what they want done, the customer may mean one of:',
          'a) the customer wants to return a product, then start a return',
          'b) the customer wants a warranty repair, then book a repair',
        ].join('\n'),
      ],
      answer: {
        checks: [{ n: 1, why: 'the customer chose a repair', applies: true, fits: ['b'], ask: '' }],
      },
    },
  ],
  schema: disambiguationSchema,
  // The options are lettered under the item; the numbered item list indents them.
  describe: (guideline, context) =>
    [
      `WHEN ${guideline.condition}, the customer may mean one of:`,
      formatMarkedList(
        disambiguationOptions(guideline, context).map((option) => option.text),
        (index) => `${letterOf(index)})`,
      ),
    ]
      .filter((line) => line !== '')
      .join('\n'),
  read: (answer, _size, batch, context) =>
    answer.checks.map((check) => {
      const guideline = batch[check.n - 1];
      const fitting = guideline === undefined ? [] : fittingOptions(guideline, context, check.fits);
      const matched = check.applies && fitting.length >= 2;
      return {
        number: check.n,
        matched,
        rationale: matched ? clarification(fitting, check.ask) : check.why,
        ...(matched
          ? {
              clarification: {
                targets: fitting.map(({ type, id }) => ({ type, id })),
                question: check.ask.trim() || rationaleQuestion(fitting),
              },
            }
          : {}),
      };
    }),
};

function letterOf(index: number): string {
  return index < 26 ? String.fromCharCode(97 + index) : `o${index + 1}`;
}

// Letters the item did not offer are ignored rather than trusted.
function fittingOptions(
  guideline: Guideline,
  context: TurnContext,
  letters: readonly string[],
): DisambiguationOption[] {
  const options = disambiguationOptions(guideline, context);
  const wanted = new Set(letters.map((letter) => letter.trim().toLowerCase().replace(/\)$/, '')));
  return options.filter((_, index) => wanted.has(letterOf(index)));
}

function clarification(options: readonly DisambiguationOption[], ask: string): string {
  const labels = options.map((option) => option.label);
  const last = labels.pop();
  const between = `${labels.join(', ')} and ${last}`;
  const question = ask.trim();
  return question === ''
    ? `Intent unclear between ${between} — ask the customer which one they mean`
    : `Intent unclear between ${between} — ask: "${question}"`;
}

function rationaleQuestion(options: readonly DisambiguationOption[]): string {
  return `Which do you mean: ${options.map((option) => option.label).join(' or ')}?`;
}
