import type { AgentHandle } from '@conduct/core';
import { WARRANTY_CLAIM_JOURNEY_ID } from './journeys/warranty-claim.js';

/**
 * Wording approved by Voltmart's legal team. The agent composes freely everywhere else; the
 * warranty-claim journey's `covered` state uses this text whenever it says all the reply needs.
 */
export async function cannedResponses(agent: AgentHandle) {
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
  return { warrantyConfirmed };
}
