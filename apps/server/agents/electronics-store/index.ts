import type { Conduct } from '@conduct/core';
import { cannedResponses } from './canned-responses.js';
import { capabilities } from './grounding/capabilities.js';
import { glossary } from './grounding/glossary.js';
import { membershipVariable } from './grounding/membership.js';
import { deliveryGuidelines } from './guidelines/deliveries.js';
import { escalationGuidelines } from './guidelines/escalation.js';
import { orderGuidelines } from './guidelines/orders.js';
import { returnGuidelines } from './guidelines/returns.js';
import { warrantyGuidelines } from './guidelines/warranties.js';
import { warrantyClaimJourney } from './journeys/warranty-claim.js';
import { orderStatus } from './tools/order-status.js';
import { startReturn } from './tools/start-return.js';

/** Id of the example agent: stable, so clients and curl examples can name it. */
export const VOLTMART_AGENT_ID = 'voltmart-support';

/**
 * Voltmart's support agent: orders, deliveries, returns, warranties and hand-over to a human.
 * The server runs this at every start inside `conduct.sync`: the stored model becomes what it
 * defines (what it no longer defines is removed). Guidelines, journeys and grounding have stable
 * ids, so editing one's wording updates it in the store instead of replacing it.
 */
export default async function setup(conduct: Conduct): Promise<void> {
  const agent = await conduct.agents.create({
    id: VOLTMART_AGENT_ID,
    name: 'Ava',
    // Written about Ava, not to her: the composer speaks as her, and every judging task (matching,
    // journey steps, response analysis) reads it as the business context of the agent it evaluates.
    description:
      'Ava is the customer support assistant of Voltmart, an online electronics store. She helps with orders, deliveries, returns and warranties. She is friendly, brief and factual: she states only what a tool result or a guideline confirms, and never promises refunds, dates or exceptions on her own.',
  });

  await glossary(agent);
  await capabilities(agent);
  await membershipVariable(agent);

  const orders = await orderGuidelines(agent);
  const returns = await returnGuidelines(agent);
  const warranties = await warrantyGuidelines(agent);
  const deliveries = await deliveryGuidelines(agent);
  const escalation = await escalationGuidelines(agent);
  const claim = await warrantyClaimJourney(agent);
  await cannedResponses(agent);

  // Past the window, the normal return offer would be wrong.
  await returns.returnWindowPassed.overrides(returns.returnRequest);
  // The window is often only known once `start_return` refuses: check again in the same turn.
  await returns.returnWindowPassed.reevaluateAfter(startReturn);
  // Whether an order is late shows only once `order_status` returns its expected delivery date.
  await orders.lateOrder.reevaluateAfter(orderStatus);
  // The home pickup is part of a normal return, so it goes wherever that offer goes.
  await returns.plusPickup.requires(returns.returnRequest);
  // Products from other shops are not ours to take back or repair.
  await warranties.notBoughtHere.overrides(returns.returnRequest);
  await warranties.notBoughtHere.overrides(claim.journey);
  await warranties.notBoughtHere.overrides(claim.claimQuestions);
  // "Wants a replacement or refund" means the damaged-delivery process only if it arrived damaged,
  // and then neither the normal return process nor a warranty claim applies.
  await deliveries.damagedDelivery.requires(deliveries.arrivedDamaged);
  await deliveries.damagedDelivery.overrides(returns.returnRequest);
  await deliveries.damagedDelivery.overrides(claim.journey);
  // Offer a human to frustrated customers only; when they ask for one, just hand over.
  await escalation.offerHuman.requires(escalation.frustrated);
  await escalation.humanRequest.overrides(escalation.offerHuman);
}
