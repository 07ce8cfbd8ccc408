import type { Conduct } from '@conduct/core';
import { deliveryGuidelines } from './guidelines/deliveries.js';
import { escalationGuidelines } from './guidelines/escalation.js';
import { orderGuidelines } from './guidelines/orders.js';
import { returnGuidelines } from './guidelines/returns.js';
import { warrantyGuidelines } from './guidelines/warranties.js';

/** Id of the example agent: stable, so clients and curl examples can name it. */
export const VOLTMART_AGENT_ID = 'voltmart-support';

/**
 * Voltmart's support agent: orders, deliveries, returns, warranties and hand-over to a human.
 * Every call below is idempotent, so this runs at every server start. Guidelines have stable
 * ids, so editing one's wording updates it in the store instead of adding a second one.
 */
export default async function setup(conduct: Conduct): Promise<void> {
  const agent = await conduct.agents.create({
    id: VOLTMART_AGENT_ID,
    name: 'Ava',
    description:
      'You are Ava, the customer support assistant of Voltmart, an online electronics store. You help with orders, deliveries, returns and warranties. Be friendly, brief and factual: state only what a tool result or a guideline confirms, and never promise refunds, dates or exceptions on your own.',
  });

  await orderGuidelines(agent);
  const returns = await returnGuidelines(agent);
  const warranties = await warrantyGuidelines(agent);
  const deliveries = await deliveryGuidelines(agent);
  const escalation = await escalationGuidelines(agent);

  // Past the window, the normal return offer would be wrong.
  await returns.returnWindowPassed.overrides(returns.returnRequest);
  // Products from other shops are not ours to take back or repair.
  await warranties.notBoughtHere.overrides(returns.returnRequest);
  await warranties.notBoughtHere.overrides(warranties.warrantyClaim);
  // "Wants a replacement or refund" means the damaged-delivery process only if it arrived damaged,
  // and then the normal return process does not apply.
  await deliveries.damagedDelivery.requires(deliveries.arrivedDamaged);
  await deliveries.damagedDelivery.overrides(returns.returnRequest);
  // Offer a human to frustrated customers only; when they ask for one, just hand over.
  await escalation.offerHuman.requires(escalation.frustrated);
  await escalation.humanRequest.overrides(escalation.offerHuman);
}
