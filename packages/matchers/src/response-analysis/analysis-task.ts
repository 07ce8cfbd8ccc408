import {
  type Guideline,
  itemAnswersSchema,
  type PromptBuilder,
  type PromptExample,
  reasonFirst,
  taskPrompt,
} from '@conduct/core';
import { z } from 'zod';
import { ruleText } from '../tasks/rule-text.js';

/** Task name of response analysis (the model-routing key). */
export const RESPONSE_ANALYSIS_TASK = 'response-analysis';

const REASON = reasonFirst(12);

/**
 * Output of one analysis batch: a short reason, then the verdict, per item. The reason pays
 * here: the call is off the critical path, and a wrong verdict changes how the guideline is
 * routed for the rest of the session.
 */
export const responseAnalysisSchema = responseAnalysisSchemaFor(undefined);
/** Answer of {@link responseAnalysisSchema}. */
export type ResponseAnalysisAnswer = z.output<typeof responseAnalysisSchema>;

/** {@link responseAnalysisSchema} for a batch of `size` items: item numbers bounded to 1..size. */
export function responseAnalysisSchemaFor(size: number | undefined) {
  return itemAnswersSchema({
    list: 'checks',
    reason: { key: 'why', rule: REASON },
    verdict: { applied: z.boolean() },
    size,
  });
}

/** A worked example of the task, kept as data. */
interface AnalysisExample {
  conversation: string[];
  reply: string;
  items: string[];
  answer: ResponseAnalysisAnswer;
}

const instructions = [
  'A customer-facing agent has just sent a reply. Decide which of the guidelines it was given the reply actually applied.',
  'Each item is a guideline: WHEN a condition holds, THEN the agent takes an action. Judge only whether the reply just sent took the action; the conversation before it is context.',
  'An action is applied when the reply did its essential part: the information was given, the question was asked, the offer was made. Different wording, tone or order do not matter.',
  'When the action is to get something from the customer (an answer, a choice, a document), asking for it is applying it; the customer does not need to have answered.',
  'An action with several parts is applied when the reply did the parts possible at this point: a part that waits for the customer (such as "once they confirm, start the return") is not required yet, and a part done earlier in the conversation need not be repeated.',
  'Not applied: the reply only promises to do it later, does it for a different matter than the condition names, or leaves out an essential part it could do now.',
  REASON.everyItem('whether the reply applied it'),
];

const examples: AnalysisExample[] = [
  {
    conversation: [
      'Customer (Sam): My headphones stopped charging after a week.',
      'Agent: Sorry about that! Which model do you have?',
      'Customer (Sam): The QuietPro 2.',
    ],
    reply:
      'Thanks! The QuietPro 2 has a one-year warranty, so we can replace them. Could you send me your order number?',
    items: [
      'WHEN the customer reports a defective product THEN explain the warranty that covers it',
      'WHEN a replacement is needed THEN ask for the order number and, once the customer gives it, book the replacement',
      'WHEN the customer reports a defective product THEN offer a discount on the next purchase',
    ],
    answer: {
      checks: [
        { n: 1, why: 'explained the one-year warranty covers them', applied: true },
        { n: 2, why: 'asked for the order number; booking waits for it', applied: true },
        { n: 3, why: 'no discount was offered', applied: false },
      ],
    },
  },
];

/** How a guideline is shown to the analysis. */
export function describeForAnalysis(guideline: Guideline): string {
  return ruleText(guideline);
}

/** Instructions and examples: the same for every call, so provider prompt caches hit. */
export const analysisStaticPrompt: PromptBuilder = taskPrompt({
  instructions,
  examples: examples.map(
    (example): PromptExample => ({
      fields: [
        { label: 'Conversation', lines: example.conversation },
        { label: 'Reply just sent', text: example.reply },
        { label: 'Items', items: example.items },
      ],
      answer: example.answer,
    }),
  ),
});
