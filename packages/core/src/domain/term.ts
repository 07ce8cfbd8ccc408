import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { tagIdsSchema } from './common.js';
import { ownerFieldSchema } from './owner.js';

const termFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().min(1),
  synonyms: z.array(z.string().trim().min(1)),
  tags: tagIdsSchema,
  /** The agent whose code defines it (`conduct.sync`); `null` when created over the API. */
  owner: ownerFieldSchema,
};

/** A glossary term: business vocabulary the agent must understand. */
export const termSchema = z.object({
  id: idSchema,
  ...termFields, // Absent on entities stored before ownership existed: they count as `null`.
  owner: termFields.owner.optional(),
  createdAt: timestampSchema,
});
/** A glossary term. */
export type Term = z.infer<typeof termSchema>;

/** What it takes to create a term. */
export const termInputSchema = z.object({
  id: idSchema.optional(),
  name: termFields.name,
  description: termFields.description,
  synonyms: termFields.synonyms.default([]),
  tags: termFields.tags.default([]),
  owner: termFields.owner.default(null),
});
/** What it takes to create a term. */
export type TermInput = z.input<typeof termInputSchema>;

/** Fields that can be changed after creation. */
export const termPatchSchema = z.object(termFields).partial();
/** Fields that can be changed after creation. */
export type TermPatch = z.input<typeof termPatchSchema>;
