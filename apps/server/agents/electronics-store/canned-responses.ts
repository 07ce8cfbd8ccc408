import type { AgentHandle } from '@conduct/core';
import { WARRANTY_CLAIM_JOURNEY_ID } from './journeys/warranty-claim.js';

/**
 * Wording approved by Voltmart's legal team for the warranty claim. The agent composes freely
 * everywhere else; the journey's `covered` state uses the confirmation whenever it says all the
 * reply needs. The opening question is what the claim asks in `strict_canned` mode, where only
 * approved wording may be sent (the fluid agent words that step itself).
 */
export async function cannedResponses(agent: AgentHandle) {
  const claimQuestion = await agent.cannedResponses.create({
    id: 'voltmart-warranty-claim-question',
    value:
      'Sorry to hear that! Could you send me the serial number of the faulty unit and tell me what the fault is? The serial number is on the label under or behind the product, and in your order confirmation email.',
    journeyStates: [`${WARRANTY_CLAIM_JOURNEY_ID}:ask`],
  });
  const warrantyConfirmed = await agent.cannedResponses.create({
    id: 'voltmart-warranty-confirmed',
    value:
      'Good news: your {{product}} (serial {{serial_number}}) is under warranty until {{covered_until}}. We will email you a prepaid shipping label within one business day, and the repair or replacement takes up to 10 business days once it reaches our service center.',
    fields: [
      { name: 'product', description: 'Product name, from warranty_lookup', examples: [] },
      { name: 'serial_number', description: 'The unit checked', examples: ['AERO14-22K-5512'] },
      {
        name: 'covered_until',
        description: 'Last day of the warranty',
        examples: ['April 10, 2027'],
      },
    ],
    journeyStates: [`${WARRANTY_CLAIM_JOURNEY_ID}:covered`],
  });
  return { claimQuestion, warrantyConfirmed };
}
