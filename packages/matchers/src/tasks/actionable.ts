import type { MatchesOnly } from '../answer-shapes.js';
import { matchesOnlyTask } from '../matches-only-task.js';
import type { MatchingTask } from '../matching-task.js';
import { COMPOUND_CONDITION } from './compound-condition.js';
import { LATEST_POINT_DEFINITION } from './latest-point.js';
import { ruleText } from './rule-text.js';

/**
 * `actionable`: does the condition of each guideline hold now, assuming its action has not
 * been taken yet? For guidelines with an action that this session has not applied.
 */
export const actionableTask: MatchingTask<MatchesOnly> = matchesOnlyTask({
  name: 'actionable',
  verb: 'hold',
  instructions: [
    'You decide which guidelines apply to the next message of a customer-facing agent.',
    'Each item is a guideline: WHEN a condition holds, THEN the agent takes an action.',
    "For every item, decide whether its condition holds at the latest point of the conversation, so that the action belongs in the agent's next message. Assume the action has not been taken yet.",
    LATEST_POINT_DEFINITION,
    "A condition about something the customer has moved on from no longer holds; one about something that has not happened yet does not hold, unless its item is marked as about the agent's next move.",
    COMPOUND_CONDITION,
  ],
  examples: [
    {
      conversation: [
        'Customer (Dana): Hi, the blender I bought last week stopped working.',
        'Agent: Sorry to hear that! Do you have the order number?',
        'Customer (Dana): Yes, 7731. Can I get my money back?',
      ],
      items: [
        'WHEN the customer asks for a refund THEN check the order status before promising anything',
        'WHEN the customer asks about store opening hours THEN give the hours of their nearest store',
        'WHEN the customer reports a defective product THEN apologize and offer a replacement or refund',
      ],
      checks: [
        { n: 1, why: 'the customer asks to get their money back', applies: true },
        { n: 2, why: 'opening hours never came up', applies: false },
        { n: 3, why: 'the blender stopped working: a defect', applies: true },
      ],
    },
  ],
  describe: ruleText,
});
