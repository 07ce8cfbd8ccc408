import { defineTool } from '@conduct/core';
import { z } from 'zod';
import { findCustomer, loadCatalog } from '../catalog.js';

/**
 * The customer's membership tier, for the `membership` context variable: it takes no arguments
 * because the engine refreshes it without a model, from the session's customer id.
 */
export const membershipTier = defineTool({
  name: 'membership_tier',
  description: "Look up the signed-in customer's Voltmart membership tier (standard or Plus).",
  parameters: z.object({}),
  run: async (context) => {
    const customer = findCustomer(await loadCatalog(), context.customerId);
    if (customer === undefined) {
      return {
        data: {
          tier: 'unknown',
          note: 'No Voltmart account is linked to this chat; identify orders by their number.',
        },
      };
    }
    return {
      data: { tier: customer.membership === 'plus' ? 'Voltmart Plus' : 'standard' },
    };
  },
});
