import type { AgentHandle } from '@conduct/core';
import { orderStatus } from '../tools/order-status.js';

/** Where is my order? */
export async function orderGuidelines(agent: AgentHandle) {
  const orderStatusQuestion = await agent.guidelines.create({
    id: 'voltmart-order-status',
    title: 'Order status',
    condition: 'the customer asks where their order is or about the status of an order',
    action:
      'look up the order and tell them its status, with the carrier, tracking number and expected delivery date when there are any',
    tools: [orderStatus],
  });
  const lateOrder = await agent.guidelines.create({
    id: 'voltmart-late-order',
    title: 'Late order',
    condition: 'an order the customer asks about is past its expected delivery date',
    action:
      'apologize for the delay, share the tracking number, and say that a parcel more than 5 business days late is refunded or resent at no cost',
  });
  return { orderStatusQuestion, lateOrder };
}
