import type { AgentHandle } from '@conduct/core';
import { membershipTier } from '../tools/membership-tier.js';

/**
 * The customer's membership tier, in every prompt so Plus perks are offered only to members.
 * A membership can be bought or cancelled at any time, so the value is re-read after an hour.
 */
export async function membershipVariable(agent: AgentHandle) {
  return agent.variables.create({
    id: 'voltmart-membership',
    name: 'membership',
    description: "the customer's Voltmart membership tier: standard or Voltmart Plus",
    tool: membershipTier,
    ttlSeconds: 60 * 60,
  });
}
