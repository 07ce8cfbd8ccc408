import type { MatchesOnly } from '../answer-shapes.js';
import { matchesOnlyTask } from '../matches-only-task.js';
import type { MatchingTask } from '../matching-task.js';
import { appliedHistory } from './applied-history.js';
import { ruleText } from './rule-text.js';
import { WAITING_PART } from './waiting-part.js';

/**
 * `reapply`: the guideline was applied earlier in this session — has its condition arisen
 * again, for a new reason, so the action should be taken again — or has a part of the action
 * that waited for the customer become possible? Defaults to no.
 */
export const reapplyTask: MatchingTask<MatchesOnly> = matchesOnlyTask({
  name: 'reapply',
  verb: 'apply',
  instructions: [
    'You decide whether a customer-facing agent should repeat something it already did in this conversation.',
    'Each item is a guideline the agent has already followed: WHEN a condition holds, THEN the agent takes an action. The context says when it was applied.',
    'An item applies if, since the agent last took the action, the condition has come up again for a new reason that the earlier action did not cover: a new request, another item or order, a new problem of the same kind.',
    WAITING_PART,
    'Otherwise it does not apply when the customer is still on the same matter: thanking, confirming, asking a follow-up, or repeating what they already said.',
    'When in doubt, answer that it does not apply: needless repetition annoys customers.',
  ],
  examples: [
    {
      conversation: [
        'Customer (Ana): The vase I ordered arrived broken.',
        "Agent: I'm so sorry! I've opened a damage claim for the vase. Shipping is free on all orders, by the way.",
        'Customer (Ana): Thanks, clear about shipping. But the lamp from the same order is cracked too.',
      ],
      context: [
        'When the agent already applied each item:',
        '1. applied once earlier in this conversation, in the agent reply just before the latest customer message',
        '2. applied once earlier in this conversation, in the agent reply just before the latest customer message',
      ],
      items: [
        'WHEN the customer reports a damaged delivery THEN apologize and open a damage claim',
        'WHEN the customer asks about shipping costs THEN explain the shipping rates',
      ],
      checks: [
        { n: 1, why: 'a second damaged item: a new claim is needed', applies: true },
        { n: 2, why: 'the customer only confirms shipping is clear', applies: false },
      ],
    },
  ],
  describe: ruleText,
  context: appliedHistory,
});
