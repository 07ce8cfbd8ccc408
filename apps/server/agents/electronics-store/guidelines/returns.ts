import type { AgentHandle } from '@conduct/core';
import { RETURN_WINDOW_DAYS } from '../policy.js';
import { orderStatus } from '../tools/order-status.js';
import { startReturn } from '../tools/start-return.js';

/** Returns within the window, and what to say once it has passed. */
export async function returnGuidelines(agent: AgentHandle) {
  const returnRequest = await agent.guidelines.create({
    id: 'voltmart-return',
    title: 'Return',
    condition: 'the customer wants to return a product or asks for a refund',
    action: `explain the ${RETURN_WINDOW_DAYS}-day return policy (items can be returned within ${RETURN_WINDOW_DAYS} days of delivery for a full refund to the original payment method) and, once they have confirmed the order number and the item, start the return`,
    tools: [startReturn],
  });
  const returnWindowPassed = await agent.guidelines.create({
    id: 'voltmart-return-window-passed',
    title: 'Return window passed',
    condition: `the customer wants to return a product that was delivered more than ${RETURN_WINDOW_DAYS} days ago`,
    action: `explain kindly that the ${RETURN_WINDOW_DAYS}-day return window has passed and, if the product is faulty, offer a warranty claim instead`,
    tools: [orderStatus],
  });
  // Reads the `membership` variable (grounding/membership.ts) that every prompt is given.
  const plusPickup = await agent.guidelines.create({
    id: 'voltmart-plus-return-pickup',
    title: 'Plus return pickup',
    condition: 'the customer is a Voltmart Plus member and is returning a product',
    action:
      'offer a free courier pickup from their home as an alternative to dropping the parcel off; the emailed label is still needed on the parcel',
  });
  return { returnRequest, returnWindowPassed, plusPickup };
}
