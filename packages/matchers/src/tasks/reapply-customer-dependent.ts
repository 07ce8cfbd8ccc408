import type { MatchesOnly } from '../answer-shapes.js';
import { matchesOnlyTask } from '../matches-only-task.js';
import type { MatchingTask } from '../matching-task.js';
import { appliedHistory } from './applied-history.js';
import { ruleText } from './rule-text.js';
import { WAITING_PART } from './waiting-part.js';

/**
 * `reapply-customer-dependent`: the action needs the customer's answer (e.g. "ask for the
 * order number") and was applied — is the exchange still incomplete, so the agent keeps
 * pursuing it, has a part that waited for the answer become possible ("once they confirm, start
 * the return"), or has a new matter started that needs it again?
 */
export const reapplyCustomerDependentTask: MatchingTask<MatchesOnly> = matchesOnlyTask({
  name: 'reapply-customer-dependent',
  verb: 'apply',
  instructions: [
    'You decide whether a customer-facing agent should keep pursuing something it needs from the customer.',
    'Each item is a guideline the agent has already followed, whose action is only complete once the customer answers (for example: ask for an order number, get a confirmation). The context says when it was applied.',
    'An item applies when the exchange is still incomplete: the matter is still open and the customer has not yet given what was asked (they skipped the question, answered only in part, or asked something else first).',
    'An item also applies when a new matter has started that needs the same from the customer again (for example a second order).',
    WAITING_PART,
    'Otherwise it does not apply when the customer has given the answer for the current matter, has clearly declined, or has dropped the matter. Never ask again for something the customer already gave that still holds.',
  ],
  examples: [
    {
      conversation: [
        'Customer (Sam): I want to track my parcel and change the delivery address of another order.',
        'Agent: Sure! What is the tracking number of the parcel, and what is the new address?',
        'Customer (Sam): The new address is 12 Elm Street. How long does delivery usually take?',
      ],
      context: [
        'When the agent already applied each item:',
        '1. applied once earlier in this conversation, in the agent reply just before the latest customer message',
        '2. applied once earlier in this conversation, in the agent reply just before the latest customer message',
      ],
      items: [
        'WHEN the customer wants to track a parcel THEN ask for the tracking number',
        'WHEN the customer wants to change a delivery address THEN ask for the new address',
      ],
      checks: [
        {
          n: 1,
          why: 'tracking number still missing; the customer asked something else',
          applies: true,
        },
        { n: 2, why: 'the customer gave the new address', applies: false },
      ],
    },
  ],
  describe: ruleText,
  context: appliedHistory,
});
