import { createPrompt, type Guideline, type LanguageModel } from '@conduct/core';
import { z } from 'zod';
import { ruleText } from '../tasks/rule-text.js';
import type { ClassificationFacts } from './classification-facts.js';

/** Task name of guideline classification (the model-routing key). */
export const CLASSIFY_GUIDELINE_TASK = 'classify-guideline';

/** Output of one classification batch: two booleans per item, no reasoning (it runs once). */
export const classifyGuidelineSchema = z.object({
  items: z.array(
    z.object({
      n: z.number().int().describe('item number'),
      customerDependent: z.boolean(),
      continuous: z.boolean(),
    }),
  ),
});
/** Answer of {@link classifyGuidelineSchema}. */
export type ClassifyGuidelineAnswer = z.output<typeof classifyGuidelineSchema>;

const instructions = [
  'You label the rules a customer-facing agent follows, so that the engine knows how to track them.',
  'Each item is a rule: WHEN a condition holds, THEN the agent takes an action. Label the action of every item:',
  'customerDependent: true when the agent cannot finish the action on its own, because it consists of getting something from the customer (information, a choice, a confirmation) and is done only once the customer has answered. Telling, explaining, offering or doing something is not customer-dependent, even if the customer may reply to it.',
  'continuous: true when the action says how the agent must behave for as long as the condition holds (a tone, a language, something to keep doing or never to do). False for a one-off step that is finished once taken.',
  'Judge the action as written, not what else the agent might do. Answer for every item by its number.',
];

const examples: { items: string[]; answer: ClassifyGuidelineAnswer }[] = [
  {
    items: [
      'WHEN the customer wants to track a delivery THEN ask for the order number',
      'WHEN the customer is a business account THEN address them formally and avoid slang',
      'WHEN the customer reports a cracked screen THEN explain the repair options and their prices',
      'WHEN the customer wants to change the delivery address THEN have them confirm the new address before updating the order',
      'WHEN the customer says they are under 18 THEN never recommend age-restricted products',
    ],
    answer: {
      items: [
        { n: 1, customerDependent: true, continuous: false },
        { n: 2, customerDependent: false, continuous: true },
        { n: 3, customerDependent: false, continuous: false },
        { n: 4, customerDependent: true, continuous: false },
        { n: 5, customerDependent: false, continuous: true },
      ],
    },
  },
];

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

/**
 * Classifies one batch in one call. Returns the facts in batch order; an item the model did
 * not answer is `undefined`, and answers about numbers outside the batch are ignored. Rejects
 * when the call fails (after the model port's one repair attempt).
 */
export async function classifyBatch(
  model: LanguageModel,
  batch: readonly Pick<Guideline, 'condition' | 'action'>[],
  signal?: AbortSignal,
): Promise<(ClassificationFacts | undefined)[]> {
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
    schema: classifyGuidelineSchema,
    messages,
    ...(signal === undefined ? {} : { signal }),
  });
  const facts = Array.from<ClassificationFacts | undefined>({ length: batch.length });
  for (const item of value.items) {
    const index = item.n - 1;
    if (index < 0 || index >= batch.length || facts[index] !== undefined) continue;
    facts[index] = { customerDependent: item.customerDependent, continuous: item.continuous };
  }
  return facts;
}
