import {
  type NumberList,
  numberListSchema,
  numberListSchemaFor,
  readNumberList,
} from '../answer-shapes.js';
import type { MatchingTask } from '../matching-task.js';
import { wasApplied } from '../routing.js';
import { COMPOUND_CONDITION } from './compound-condition.js';
import { LATEST_POINT_DEFINITION } from './latest-point.js';
import { ruleText } from './rule-text.js';

/**
 * `low-criticality`: the cheapest check, for guidelines of criticality `low` (with or without
 * an action): only the numbers of the items that apply, no reasons.
 */
export const lowCriticalityTask: MatchingTask<NumberList> = {
  name: 'low-criticality',
  instructions: [
    'You quickly pick which guidelines apply to the next message of a customer-facing agent.',
    'An item "WHEN condition THEN action" applies when the condition holds at the latest point of the conversation and the action belongs in the next message. An item with only "WHEN condition" applies when the condition holds now.',
    LATEST_POINT_DEFINITION,
    COMPOUND_CONDITION,
    'Items marked (done before) were already followed in this conversation: they apply only if the condition has come up again for a new reason.',
    'Answer only with the numbers of the items that apply, or an empty list.',
  ],
  examples: [
    {
      conversation: [
        'Customer (Mia): Lovely sunny day here! Do you sell sunscreen?',
        'Agent: We do! Our SPF 50 range is on the second shelf.',
        'Customer (Mia): Perfect, thanks. Is it suitable for kids?',
      ],
      items: [
        'WHEN the customer mentions the weather THEN make a brief friendly remark about it (done before)',
        'WHEN the customer asks about a product for children THEN mention the age range on the label',
        'WHEN the customer is shopping for a gift',
      ],
      answer: { applies: [2] },
    },
  ],
  schema: numberListSchema,
  schemaFor: numberListSchemaFor,
  describe: (guideline, context) =>
    wasApplied(guideline, context) ? `${ruleText(guideline)} (done before)` : ruleText(guideline),
  read: readNumberList,
};
