import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { tagIdsSchema } from './common.js';
import { ownerFieldSchema } from './owner.js';

const capabilityFields = {
  title: z.string().trim().min(1).max(100),
  description: z.string(),
  /** Example customer phrasings that make the capability relevant. */
  signals: z.array(z.string()),
  tags: tagIdsSchema,
  /** The agent whose code defines it (`conduct.sync`); `null` when created over the API. */
  owner: ownerFieldSchema,
};

/** Something the agent can do, offered to the customer when relevant. */
export const capabilitySchema = z.object({
  id: idSchema,
  ...capabilityFields,
  // Absent on entities stored before ownership existed: they count as `null`.
  owner: capabilityFields.owner.optional(),
  createdAt: timestampSchema,
});
/** Something the agent can do. */
export type Capability = z.infer<typeof capabilitySchema>;

/** What it takes to create a capability. */
export const capabilityInputSchema = z.object({
  id: idSchema.optional(),
  title: capabilityFields.title,
  description: capabilityFields.description.default(''),
  signals: capabilityFields.signals.default([]),
  tags: capabilityFields.tags.default([]),
  owner: capabilityFields.owner.default(null),
});
/** What it takes to create a capability. */
export type CapabilityInput = z.input<typeof capabilityInputSchema>;

/** Fields that can be changed after creation. */
export const capabilityPatchSchema = z.object(capabilityFields).partial();
/** Fields that can be changed after creation. */
export type CapabilityPatch = z.input<typeof capabilityPatchSchema>;
