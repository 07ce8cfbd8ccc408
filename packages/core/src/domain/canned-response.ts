import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { metadataSchema, tagIdsSchema } from './common.js';
import { ownerFieldSchema } from './owner.js';

/** A `{{field}}` of a canned response template. */
export const cannedResponseFieldSchema = z.object({
  name: z.string().min(1),
  description: z.string(),
  examples: z.array(z.string()),
});
/** A `{{field}}` of a canned response template. */
export type CannedResponseField = z.infer<typeof cannedResponseFieldSchema>;

const cannedResponseFields = {
  /** The approved wording, with `{{field}}` placeholders. */
  value: z.string().trim().min(1),
  fields: z.array(cannedResponseFieldSchema),
  tags: tagIdsSchema,
  /** Example customer phrasings this response answers well (help selection). */
  signals: z.array(z.string()),
  metadata: metadataSchema,
  /** Fields that must be fillable for the response to be a candidate at all. */
  fieldDependencies: z.array(z.string()),
  /** The agent whose code defines it (`conduct.sync`); `null` when created over the API. */
  owner: ownerFieldSchema,
};

/** Approved wording the agent may send (or must, in strict mode). */
export const cannedResponseSchema = z.object({
  id: idSchema,
  ...cannedResponseFields,
  // Absent on entities stored before ownership existed: they count as `null`.
  owner: cannedResponseFields.owner.optional(),
  createdAt: timestampSchema,
});
/** Approved wording the agent may send. */
export type CannedResponse = z.infer<typeof cannedResponseSchema>;

/** What it takes to create a canned response. */
export const cannedResponseInputSchema = z.object({
  id: idSchema.optional(),
  value: cannedResponseFields.value,
  fields: cannedResponseFields.fields.default([]),
  tags: cannedResponseFields.tags.default([]),
  signals: cannedResponseFields.signals.default([]),
  metadata: cannedResponseFields.metadata.default({}),
  fieldDependencies: cannedResponseFields.fieldDependencies.default([]),
  owner: cannedResponseFields.owner.default(null),
});
/** What it takes to create a canned response. */
export type CannedResponseInput = z.input<typeof cannedResponseInputSchema>;

/** Fields that can be changed after creation. */
export const cannedResponsePatchSchema = z.object(cannedResponseFields).partial();
/** Fields that can be changed after creation. */
export type CannedResponsePatch = z.input<typeof cannedResponsePatchSchema>;
