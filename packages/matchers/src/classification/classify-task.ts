import { createPrompt, type Guideline, type LanguageModel } from '@conduct/core';
import { z } from 'zod';
import { itemNumber } from '../answer-shapes.js';
import { ruleText } from '../tasks/rule-text.js';
import type { ClassificationFacts } from './classification-facts.js';

/** Task name of guideline classification (the model-routing key). */
export const CLASSIFY_GUIDELINE_TASK = 'classify-guideline';

/**
 * Output of one classification batch: a short reason, then three booleans, per item. The
 * reason pays even though it is not read by routing: the task runs once per guideline content,
 * and the labels hinge on reading the whole rule (a compound action, a condition about the agent).
 */
export const classifyGuidelineSchema = classifyGuidelineSchemaOf(
  z.number().int().describe('item number'),
);
/** Answer of {@link classifyGuidelineSchema}. */
export type ClassifyGuidelineAnswer = z.output<typeof classifyGuidelineSchema>;

/** {@link classifyGuidelineSchema} for a batch of `size` items: item numbers bounded to 1..size. */
export function classifyGuidelineSchemaFor(size: number) {
  return classifyGuidelineSchemaOf(itemNumber(size));
}

function classifyGuidelineSchemaOf(n: z.ZodNumber) {
  return z.object({
    items: z.array(
      z.object({
        n,
        reason: z.string().describe('at most 15 words'),
        customerDependent: z.boolean(),
        continuous: z.boolean(),
        agentIntention: z.boolean(),
      }),
    ),
  });
}

const instructions = [
  'You label the rules a customer-facing agent follows, so that the engine knows how to match and track them.',
  'Each item is a rule: WHEN a condition holds, THEN the agent takes an action. For every item, by its number, give a reason of at most 15 words, then the labels:',
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

const staticPrompt = createPrompt()
  .section({ name: 'instructions', kind: 'static', content: instructions })
  .section({
    name: 'examples',
    kind: 'static',
    content: examples.map((example, index) =>
      [
        `Example ${index + 1}`,
        'Items:',
        ...example.items.map((item, itemIndex) => `${itemIndex + 1}. ${item}`),
        `Answer: ${JSON.stringify(example.answer)}`,
      ].join('\n'),
    ),
  });

/** The facts of one item, with the classifier's reason; or why the answer gave none. */
export type ClassifiedItem = (ClassificationFacts & { reason: string }) | { error: string };

/**
 * Classifies one batch in one call. Returns one entry per item, in batch order: its facts, or
 * an error when the model left the item out or answered it twice (item numbers outside the
 * batch fail validation). Rejects when the call fails (after the model port's one repair
 * attempt).
 */
export async function classifyBatch(
  model: LanguageModel,
  batch: readonly Pick<Guideline, 'condition' | 'action'>[],
  signal?: AbortSignal,
): Promise<ClassifiedItem[]> {
  const messages = staticPrompt
    .section({
      name: 'items',
      kind: 'dynamic',
      content: batch.map((item, index) => `${index + 1}. ${describeForClassification(item)}`),
    })
    .build();
  const { value } = await model.generateObject({
    task: CLASSIFY_GUIDELINE_TASK,
    schemaName: CLASSIFY_GUIDELINE_TASK.replaceAll('-', '_'),
    schema: classifyGuidelineSchemaFor(batch.length),
    messages,
    ...(signal === undefined ? {} : { signal }),
  });
  return batch.map((_, index) => {
    const answers = value.items.filter((item) => item.n === index + 1);
    const [answer] = answers;
    if (answer === undefined) return { error: 'the model gave no answer for it' };
    if (answers.length > 1) return { error: `the model answered item ${index + 1} twice` };
    const { customerDependent, continuous, agentIntention, reason } = answer;
    return { customerDependent, continuous, agentIntention, reason };
  });
}
