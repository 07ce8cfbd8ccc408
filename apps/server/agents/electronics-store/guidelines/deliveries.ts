import type { AgentHandle } from '@conduct/core';

/** Deliveries that arrive damaged. */
export async function deliveryGuidelines(agent: AgentHandle) {
  // An observation: no action of its own; the damaged-delivery guideline requires it (index.ts).
  const arrivedDamaged = await agent.guidelines.create({
    id: 'voltmart-arrived-damaged',
    title: 'Arrived damaged',
    condition: 'the customer says a product or its packaging arrived damaged',
  });
  const damagedDelivery = await agent.guidelines.create({
    id: 'voltmart-damaged-delivery',
    title: 'Damaged delivery',
    condition: 'the customer wants a replacement or a refund',
    action:
      'apologize, ask for a photo of the damage and of the box, and offer a free replacement or a full refund, whichever they prefer; a damaged delivery does not go through the normal return process',
  });
  return { arrivedDamaged, damagedDelivery };
}
