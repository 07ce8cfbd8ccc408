import type { AgentHandle } from '@conduct/core';
import { WARRANTY_CLAIM_STEPS } from '../policy.js';
import { warrantyLookup } from '../tools/warranty-lookup.js';

/** Id of the warranty-claim journey (states `ask`, `lookup`, `coverage`, `covered`, `expired`, `unknown`, `done`). */
export const WARRANTY_CLAIM_JOURNEY_ID = 'voltmart-warranty-claim-journey';

/**
 * A faulty product, from the first complaint to the shipping label. A journey rather than a
 * guideline because the order matters: no promise before the serial number is checked.
 */
export async function warrantyClaimJourney(agent: AgentHandle) {
  const journey = await agent.journeys.create({
    id: WARRANTY_CLAIM_JOURNEY_ID,
    title: 'Warranty claim',
    description: 'Check the faulty unit is under warranty, then start a repair or replacement',
    triggers: [
      'the customer says a product stopped working or has a fault and wants it repaired or replaced',
    ],
    states: [
      {
        id: 'ask',
        type: 'chat',
        instruction:
          'Ask for the serial number of the faulty unit (on the label under or behind the product, and in the order confirmation email) and what the fault is',
      },
      { id: 'lookup', type: 'tool', tools: [warrantyLookup] },
      { id: 'coverage', type: 'fork' },
      {
        id: 'covered',
        type: 'chat',
        // What a warranty promises is legally binding: the approved wording is used whenever it
        // says everything the reply needs (canned-responses.ts).
        compositionMode: 'canned_fluid',
        instruction: `Confirm the unit is under warranty and explain the claim: ${WARRANTY_CLAIM_STEPS.join(' ')}`,
      },
      {
        id: 'expired',
        type: 'chat',
        instruction:
          'Say kindly on which date the warranty ended, and offer to hand the chat to a human colleague who can quote a paid repair',
      },
      {
        id: 'unknown',
        type: 'chat',
        instruction:
          'Say no Voltmart unit has that serial number and ask them to check it against the label on the product',
      },
      { id: 'done', type: 'end' },
    ],
    transitions: [
      { from: 'ask', to: 'lookup', condition: 'the customer gave a serial number' },
      { from: 'lookup', to: 'coverage' },
      { from: 'coverage', to: 'covered', condition: 'the lookup says the unit is in warranty' },
      { from: 'coverage', to: 'expired', condition: 'the lookup says the warranty has ended' },
      { from: 'coverage', to: 'unknown', condition: 'the lookup found no unit with that serial' },
      { from: 'unknown', to: 'lookup', condition: 'the customer gave another serial number' },
      { from: 'covered', to: 'done' },
      { from: 'expired', to: 'done' },
    ],
  });
  // Kept under the id the claim guideline had before the journey existed, so stores that hold
  // it are updated to this journey-scoped version instead of firing next to the journey.
  const claimQuestions = await journey.guidelines.create({
    id: 'voltmart-warranty-claim',
    title: 'Warranty claim questions',
    condition: 'the customer asks how the claim works, what it costs or how long the repair takes',
    action: `explain that the claim is free, shipping included: ${WARRANTY_CLAIM_STEPS.slice(1).join(' ')}`,
  });
  return { journey, claimQuestions };
}
