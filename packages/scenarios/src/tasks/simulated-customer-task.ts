import { createPrompt, type LanguageModel, type TurnTime } from '@conduct/core';
import { z } from 'zod';
import type { TranscriptLine } from '../expect/view.js';
import type { SimulatedCustomer } from '../scenario/types.js';
import { timeSection } from './judge-task.js';
import { transcriptLines } from './transcript.js';

/** Task name of the simulated customer (the model-routing key). */
export const SIMULATED_CUSTOMER_TASK = 'simulated-customer';

/** The simulated customer's answer: where things stand first, then what they do. */
export const simulatedCustomerAnswerSchema = z.object({
  thought: z
    .string()
    .describe(
      'at most 25 words: what the agent has done for your goal so far, and what is missing',
    ),
  action: z.enum(['write', 'goal-reached', 'give-up']),
  message: z
    .string()
    .nullable()
    .describe('your next message when the action is write; null otherwise'),
});
/** The simulated customer's answer. */
export type SimulatedCustomerAnswer = z.output<typeof simulatedCustomerAnswerSchema>;

const instructions = [
  "You play a customer writing to a business's support chat, to test how its agent handles you.",
  'Be the person described in <persona>: their situation, their tone, how they write. Write short chat messages, one at a time, as a real customer would. Never write as the agent and never describe what you do.',
  'Pursue the goal in <goal>. Share a fact from <you-know> when the agent asks for it or when it helps your goal. Never invent anything else: when asked for something in <you-do-not-know>, or anything not in <you-know>, say you do not know it.',
  'First write your thought (at most 25 words): what the agent has done for your goal so far, and what is missing. Then choose the action:',
  'write: you have something to say; give the message.',
  'goal-reached: the agent has done or clearly confirmed what your goal needs (a promise to look into it is not enough). No message.',
  'give-up: the agent cannot or will not help, or keeps going in circles, and a real customer would leave. No message.',
  'With an empty <conversation>, write your opening message.',
];

const staticPrompt = createPrompt().section({
  name: 'instructions',
  kind: 'static',
  content: instructions,
});

/** What the simulated customer is shown. */
export interface SimulatedCustomerInput {
  customer: SimulatedCustomer;
  transcript: readonly TranscriptLine[];
  /** Messages the customer sent so far, and the most they may send. */
  sent: number;
  maxTurns: number;
  /** The moment of the conversation, shown as `<current-time>`. */
  time?: TurnTime;
  signal?: AbortSignal;
}

/** The simulated customer's prompt for `input` (also what the prompt catalog shows). */
export function simulatedCustomerPrompt(input: Omit<SimulatedCustomerInput, 'signal'>) {
  const { customer } = input;
  return staticPrompt
    .section(timeSection(input.time))
    .section({ name: 'persona', kind: 'dynamic', content: customer.persona })
    .section({ name: 'goal', kind: 'dynamic', content: customer.goal })
    .section({ name: 'you-know', kind: 'dynamic', content: bullets(customer.knows) })
    .section({ name: 'you-do-not-know', kind: 'dynamic', content: bullets(customer.doesNotKnow) })
    .section({
      name: 'conversation',
      kind: 'dynamic',
      content: input.transcript.length === 0 ? '(empty)' : transcriptLines(input.transcript),
    })
    .section({
      name: 'messages-left',
      kind: 'dynamic',
      content: `You have sent ${input.sent} of at most ${input.maxTurns} messages.`,
    })
    .build();
}

// Shown even when empty: a missing section would leave the customer guessing what it may say.
function bullets(items: readonly string[] | undefined): string[] {
  return items === undefined || items.length === 0
    ? ['(nothing)']
    : items.map((item) => `- ${item}`);
}

/**
 * Asks the simulated customer (task `simulated-customer`) for their next move. A `write`
 * without a message counts as giving up (nothing to say). Rejects when the model call fails.
 */
export async function nextCustomerMove(
  model: LanguageModel,
  input: SimulatedCustomerInput,
): Promise<SimulatedCustomerAnswer> {
  const { value } = await model.generateObject({
    task: SIMULATED_CUSTOMER_TASK,
    schemaName: 'simulated_customer',
    schema: simulatedCustomerAnswerSchema,
    messages: simulatedCustomerPrompt(input),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  if (value.action === 'write' && !value.message?.trim()) {
    return { ...value, action: 'give-up', message: null };
  }
  return value;
}
