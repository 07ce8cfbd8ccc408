import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { tagIdsSchema } from './common.js';

/** Id of the built-in customer that every store has and that cannot be deleted. */
export const GUEST_CUSTOMER_ID = 'guest';
/** Display name of the built-in guest customer. */
export const GUEST_CUSTOMER_NAME = 'Guest';

const customerFields = {
  name: z.string().trim().min(1).max(100),
  /** String values only, as on the wire. */
  metadata: z.record(z.string(), z.string()),
  tags: tagIdsSchema,
};

/** A customer the agent talks to. */
export const customerSchema = z.object({
  id: idSchema,
  ...customerFields,
  createdAt: timestampSchema,
});
/** A customer the agent talks to. */
export type Customer = z.infer<typeof customerSchema>;

/** What it takes to create a customer. */
export const customerInputSchema = z.object({
  id: idSchema.optional(),
  name: customerFields.name,
  metadata: customerFields.metadata.default({}),
  tags: customerFields.tags.default([]),
});
/** What it takes to create a customer. */
export type CustomerInput = z.input<typeof customerInputSchema>;

/** Fields that can be changed after creation. */
export const customerPatchSchema = z.object(customerFields).partial();
/** Fields that can be changed after creation. */
export type CustomerPatch = z.input<typeof customerPatchSchema>;

/** The built-in guest as of `createdAt` (stores decide when that is). */
export function guestCustomer(createdAt: string): Customer {
  return { id: GUEST_CUSTOMER_ID, name: GUEST_CUSTOMER_NAME, metadata: {}, tags: [], createdAt };
}
