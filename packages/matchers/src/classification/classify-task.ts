import {
  type Guideline,
  itemAnswersSchema,
  type LanguageModel,
  type NumberedBatch,
  readItemAnswers,
  reasonFirst,
  taskPrompt,
} from '@conduct/core';
import { z } from 'zod';
import { ruleText } from '../tasks/rule-text.js';
import type { ClassificationFacts } from './classification-facts.js';

/** Task name of guideline classification (the model-routing key). */
export const CLASSIFY_GUIDELINE_TASK = 'classify-guideline';

const REASON = reasonFirst(15);

/**
 * Output of one classification batch: a short reason, then three booleans, per item. The
 * reason pays even though it is not read by routing: the task runs once per guideline content,
 * and the labels hinge on reading the whole rule (a compound action, a condition about the agent).
 */
export const classifyGuidelineSchema = classifyGuidelineSchemaFor(undefined);
/** Answer of {@link classifyGuidelineSchema}. */
export type ClassifyGuidelineAnswer = z.output<typeof classifyGuidelineSchema>;

/** {@link classifyGuidelineSchema} for a batch of `size` items: item numbers bounded to 1..size. */
export function classifyGuidelineSchemaFor(size: number | undefined) {
  return itemAnswersSchema({
    list: 'items',
    reason: { key: 'reason', rule: REASON },
    verdict: {
      customerDependent: z.boolean(),
      continuous: z.boolean(),
      agentIntention: z.boolean(),
    },
    size,
  });
}

const instructions = [
  'You label the rules a customer-facing agent follows, so that the engine knows how to match and track them.',
  'Each item is a rule: WHEN a condition holds, THEN the agent takes an action.',
  REASON.everyItem('these labels'),
  'customerDependent: true when the agent cannot finish the action on its own: it consists of getting something from the customer (information, a choice, a confirmation) and is done only once the customer has answered, or a part of it waits for that answer ("once they confirm, start the return"). Telling, explaining, offering or doing something is not customer-dependent, even if the customer may reply to it.',
  'continuous: true when the action says how the agent must behave for as long as the condition holds (a tone, a language, something to keep doing or never to do). False for a one-off step that is finished once taken.',
  'agentIntention: true when the condition is about what the agent itself does or is about to do ("the agent recommends a product", "you are about to offer a refund"), not about the customer or the situation.',
  'Judge the rule as written, not what else the agent might do.',
];

const examples: { items: string[]; answer: ClassifyGuidelineAnswer }[] = [
  {
    items: [
      'WHEN the customer wants to track a delivery THEN ask for the order number',
      'WHEN the customer is a business account THEN address them formally and avoid slang',
      'WHEN the customer reports a cracked screen THEN explain the repair options and their prices',
      'WHEN the customer wants to change the delivery address THEN have them confirm the new address before updating the order',
      'WHEN the customer says they are under 18 THEN never recommend age-restricted products',
      'WHEN the agent recommends a laptop THEN mention the extended warranty',
    ],
    answer: {
      items: [
        label(1, 'done once the customer gives the number', { customerDependent: true }),
        label(2, 'a tone kept while the condition holds', { continuous: true }),
        label(3, 'the agent explains on its own, once', {}),
        label(4, "the update waits for the customer's confirmation", { customerDependent: true }),
        label(5, 'a lasting prohibition', { continuous: true }),
        label(6, "the condition is the agent's own recommendation", { agentIntention: true }),
      ],
    },
  },
];

function label(
  n: number,
  reason: string,
  facts: Partial<ClassificationFacts>,
): ClassifyGuidelineAnswer['items'][number] {
  return {
    n,
    reason,
    customerDependent: facts.customerDependent ?? false,
    continuous: facts.continuous ?? false,
    agentIntention: facts.agentIntention ?? false,
  };
}

/** How a guideline is shown to the classifier: condition and action only (what the hash covers). */
export function describeForClassification(guideline: Pick<Guideline, 'condition' | 'action'>) {
  return ruleText(guideline);
}

const staticPrompt = taskPrompt({
  instructions,
  examples: examples.map((example) => ({
    fields: [{ label: 'Items', items: example.items }],
    answer: example.answer,
  })),
});

/** The facts of one item, with the classifier's reason; or why the answer gave none. */
export type ClassifiedItem = (ClassificationFacts & { reason: string }) | { error: string };

/** Options of {@link classifyBatch}. */
export interface ClassifyBatchOptions {
  model: LanguageModel;
  /** The rules, numbered, each shown by {@link describeForClassification}. */
  batch: NumberedBatch<unknown>;
  signal?: AbortSignal;
}

/**
 * Classifies one batch in one call. Returns one entry per item, in batch order: its facts, or
 * an error when the model left the item out or answered it twice (item numbers outside the
 * batch fail validation). Rejects when the call fails (after the model port's one repair
 * attempt).
 */
export async function classifyBatch(options: ClassifyBatchOptions): Promise<ClassifiedItem[]> {
  const { model, batch, signal } = options;
  const messages = staticPrompt
    .section({ name: 'items', kind: 'dynamic', content: batch.list })
    .build();
  const { value } = await model.generateObject({
    task: CLASSIFY_GUIDELINE_TASK,
    schemaName: CLASSIFY_GUIDELINE_TASK.replaceAll('-', '_'),
    schema: classifyGuidelineSchemaFor(batch.items.length),
    messages,
    ...(signal === undefined ? {} : { signal }),
  });
  const answers = readItemAnswers(value.items, batch.items.length, {
    missing: 'the model gave no answer for it',
  });
  return answers.map(({ entry, error }) => {
    if (entry === undefined) return { error };
    const { customerDependent, continuous, agentIntention, reason } = entry;
    return { customerDependent, continuous, agentIntention, reason };
  });
}
