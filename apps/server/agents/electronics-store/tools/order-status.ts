import { defineTool } from '@conduct/core';
import { z } from 'zod';
import { findOwnOrder, findProduct, isSignedOut, loadCatalog } from '../catalog.js';

/**
 * Looks up an order's status, items and delivery dates in the sample data — only for the
 * customer who placed it (`context.customerId`). A guest is asked to sign in; someone else's
 * order reads exactly like a wrong number, so guessing numbers reveals nothing.
 */
export const orderStatus = defineTool({
  name: 'order_status',
  description:
    'Look up an order by its number: status (processing, shipped, delivered, cancelled), items, carrier and tracking number, and the expected or actual delivery date.',
  parameters: z.object({
    order_id: z.string().min(1).describe('The order number, e.g. VM-10421'),
  }),
  run: async (context, { order_id }) => {
    const catalog = await loadCatalog();
    if (isSignedOut(catalog, context.customerId)) return signInFirst(order_id);
    const order = findOwnOrder(catalog, context.customerId, order_id);
    if (order === undefined) {
      return {
        data: {
          found: false,
          order_id,
          note: 'No order with this number on this customer account. Ask the customer to check it: order numbers look like VM-10421 and are in the confirmation email.',
        },
      };
    }
    return {
      data: {
        found: true,
        order_id: order.id,
        status: order.status,
        placed_on: order.placedOn,
        items: order.items.map((item) => findProduct(catalog, item.sku)?.name ?? item.sku),
        carrier: order.carrier ?? null,
        tracking_number: order.trackingNumber ?? null,
        expected_delivery: order.status === 'delivered' ? null : (order.expectedDelivery ?? null),
        delivered_on: order.deliveredOn ?? null,
      },
    };
  },
});

/** What a guest gets: no details, not even whether the order exists. */
export function signInFirst(order_id: string) {
  return {
    data: {
      found: false,
      order_id,
      note: 'Orders are shown only to the signed-in customer who placed them. Ask the customer to sign in to their Voltmart account first; do not say whether this order exists.',
    },
  };
}
