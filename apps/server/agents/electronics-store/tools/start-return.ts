import { defineTool } from '@conduct/core';
import { z } from 'zod';
import { daysSince, findOwnOrder, findProduct, isSignedOut, loadCatalog } from '../catalog.js';
import { RETURN_WINDOW_DAYS } from '../policy.js';
import { signInFirst } from './order-status.js';

// A real store would call its order system; the sample keeps returns in memory.
const returns = new Map<string, { returnId: string; startedOn: string }>();

/**
 * Opens a return for one item of a delivered order, if it is inside the return window and the
 * session's customer placed the order.
 */
export const startReturn = defineTool({
  name: 'start_return',
  description: `Start a return for one item of a delivered order: checks the ${RETURN_WINDOW_DAYS}-day window, creates the return and emails a prepaid label. Only call it once the customer has confirmed they want to return the item.`,
  consequential: true,
  parameters: z.object({
    order_id: z.string().min(1).describe('The order number, e.g. VM-10421'),
    product: z.string().min(1).describe('Name or SKU of the item to return, as in the order'),
    reason: z
      .enum(['changed_mind', 'defective', 'wrong_item', 'damaged_in_delivery'])
      .describe('Why the customer returns it'),
  }),
  run: async (context, { order_id, product, reason }) => {
    const catalog = await loadCatalog();
    if (isSignedOut(catalog, context.customerId)) {
      return { data: { started: false, ...signInFirst(order_id).data } };
    }
    // Someone else's order reads like a wrong number: no return, and nothing about it.
    const order = findOwnOrder(catalog, context.customerId, order_id);
    if (order === undefined) return refused(`There is no order ${order_id} on this account.`);
    const wanted = findProduct(catalog, product);
    const item = order.items.find((candidate) => candidate.sku === wanted?.sku);
    if (wanted === undefined || item === undefined) {
      return refused(`Order ${order.id} has no item matching '${product}'.`);
    }
    if (order.status !== 'delivered' || order.deliveredOn === undefined) {
      return refused(
        `Order ${order.id} is ${order.status}, not delivered yet; it can be returned once it arrives.`,
      );
    }
    const age = daysSince(catalog, order.deliveredOn);
    if (age > RETURN_WINDOW_DAYS) {
      return {
        data: {
          started: false,
          reason: `Delivered ${age} days ago, outside the ${RETURN_WINDOW_DAYS}-day return window.`,
        },
        guidelines: [
          {
            action:
              'Say the return window has passed, and offer a warranty claim if the product is faulty.',
          },
        ],
      };
    }
    const key = `${order.id}:${item.sku}`;
    const existing = returns.get(key);
    const started = existing ?? {
      returnId: `RMA-${order.id.slice(3)}-${returns.size + 1}`,
      startedOn: catalog.today,
    };
    returns.set(key, started);
    return {
      data: {
        started: true,
        already_open: existing !== undefined,
        return_id: started.returnId,
        product: wanted.name,
        reason,
        refund: `${wanted.price.toFixed(2)} USD to the original payment method, within 5 business days of the item arriving back`,
        label: `A prepaid return label was emailed to ${maskEmail(order.email)}.`,
      },
    };
  },
});

function refused(reason: string) {
  return { data: { started: false, reason } };
}

function maskEmail(email: string): string {
  const [name = '', domain = ''] = email.split('@');
  return `${name.slice(0, 2)}***@${domain}`;
}
