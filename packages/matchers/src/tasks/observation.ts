import type { MatchesOnly } from '../answer-shapes.js';
import { matchesOnlyTask } from '../matches-only-task.js';
import type { MatchingTask } from '../matching-task.js';
import { COMPOUND_CONDITION } from './compound-condition.js';
import { LATEST_POINT_DEFINITION } from './latest-point.js';

/**
 * `observation`: does each condition hold at the latest point of the conversation? For
 * guidelines without an action (observations) and trigger-like conditions.
 */
export const observationTask: MatchingTask<MatchesOnly> = matchesOnlyTask({
  name: 'observation',
  verb: 'hold',
  instructions: [
    'You judge which statements about a customer conversation are true right now.',
    'Each item is a condition. Decide whether it holds at the latest point of the conversation.',
    LATEST_POINT_DEFINITION,
    'A condition about a matter under discussion keeps holding while the customer is still on that matter, follow-up questions included. It stops holding once the customer has clearly moved on, or has set the matter aside.',
    'Lasting facts about the customer (who they are, where they live, what they own) stay true once stated, unless corrected.',
    'A condition holds only when the conversation shows it; do not assume what was not said.',
    COMPOUND_CONDITION,
  ],
  examples: [
    {
      conversation: [
        'Customer (Lee): Do you charge for roaming in Spain?',
        'Agent: Roaming in the EU is included in every plan.',
        "Customer (Lee): Great. Also, I'm a student — can I switch to a cheaper plan?",
      ],
      items: [
        'the customer is asking about roaming charges',
        'the customer is a student',
        'the customer wants to change their plan',
        'the customer is upset with the service',
      ],
      checks: [
        { n: 1, why: 'roaming was answered; the customer moved on to plans', applies: false },
        { n: 2, why: 'the customer says they are a student', applies: true },
        { n: 3, why: 'asks to switch to a cheaper plan', applies: true },
        { n: 4, why: 'tone is positive, no complaint', applies: false },
      ],
    },
  ],
  describe: (guideline) => guideline.condition,
});
