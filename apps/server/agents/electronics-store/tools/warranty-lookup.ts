import { defineTool } from '@conduct/core';
import { z } from 'zod';
import { addYears, type Catalog, findProduct, loadCatalog, ownsOrder } from '../catalog.js';
import { WARRANTY_CLAIM_STEPS, WARRANTY_COVERAGE, WARRANTY_YEARS } from '../policy.js';

/**
 * Looks up the warranty of one unit (by serial number) or of a product in general. The warranty
 * goes with the unit, so anyone with its serial number learns its coverage; the order it came
 * with is named only to the customer who placed it.
 */
export const warrantyLookup = defineTool({
  name: 'warranty_lookup',
  description:
    'Look up warranty coverage: by serial number for the exact unit (delivery date, covered until, still covered or not), or by product name for the general terms.',
  parameters: z.object({
    serial_number: z
      .string()
      .min(1)
      .optional()
      .describe('Serial number of the unit, printed on its label and in the order email'),
    product: z
      .string()
      .min(1)
      .optional()
      .describe('Product name or SKU, when the customer does not have the serial number'),
  }),
  run: async (context, { serial_number, product }) => {
    const catalog = await loadCatalog();
    if (serial_number !== undefined) return bySerial(catalog, serial_number, context.customerId);
    if (product !== undefined) {
      const found = findProduct(catalog, product);
      if (found === undefined)
        return {
          data: { found: false, product, note: 'Voltmart does not sell a product by this name.' },
        };
      return { data: { found: true, product: found.name, ...terms() } };
    }
    return { data: { found: false, note: 'Ask for the serial number, or at least the product.' } };
  },
});

function bySerial(catalog: Catalog, serial: string, customerId: string) {
  const wanted = serial.trim().toUpperCase();
  for (const order of catalog.orders) {
    const item = order.items.find((candidate) => candidate.serial === wanted);
    if (item === undefined) continue;
    const product = findProduct(catalog, item.sku)?.name ?? item.sku;
    if (order.deliveredOn === undefined) {
      return {
        data: {
          found: true,
          serial_number: wanted,
          product,
          note: 'Not delivered yet: the warranty starts on delivery.',
          ...terms(),
        },
      };
    }
    const coveredUntil = addYears(order.deliveredOn, WARRANTY_YEARS);
    return {
      data: {
        found: true,
        serial_number: wanted,
        product,
        ...(ownsOrder(catalog, customerId, order) ? { order_id: order.id } : {}),
        delivered_on: order.deliveredOn,
        covered_until: coveredUntil,
        in_warranty: coveredUntil >= catalog.today,
        ...terms(),
      },
      // For the approved warranty confirmation (canned-responses.ts), dates as customers read them.
      cannedResponseFields: {
        product,
        serial_number: wanted,
        covered_until: longDate(coveredUntil),
      },
    };
  }
  return {
    data: {
      found: false,
      serial_number: wanted,
      note: 'No Voltmart product has this serial number; ask the customer to check it.',
    },
  };
}

function terms() {
  return {
    warranty_years: WARRANTY_YEARS,
    coverage: WARRANTY_COVERAGE,
    claim_process: WARRANTY_CLAIM_STEPS,
  };
}

function longDate(day: string): string {
  return new Date(Date.parse(day)).toLocaleDateString('en-US', {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
}
