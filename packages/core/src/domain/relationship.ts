import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { toolRefSchema } from './common.js';
import { ownerFieldSchema } from './owner.js';

/** One end of a relationship: a guideline, every guideline with a tag, a journey, or a tool. */
export const relationshipEndpointSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('guideline'), id: idSchema }),
  z.object({ type: z.literal('tag'), id: z.string().min(1) }),
  z.object({ type: z.literal('journey'), id: idSchema }),
  z.object({ type: z.literal('tool'), id: toolRefSchema }),
]);
/** One end of a relationship. */
export type RelationshipEndpoint = z.infer<typeof relationshipEndpointSchema>;

/**
 * How source S relates to target T:
 * - `entails`: S active ⇒ T active.
 * - `overrides`: both active ⇒ T dropped (the wire calls it `priority`).
 * - `requires`: keep S only if T is active; relationships of one source that share an `anyOf`
 *   group are satisfied by any one of their targets.
 * - `disambiguates`: S holds and ≥2 targets are plausible ⇒ ask the customer which.
 * - `reevaluate-after`: re-match S after tool T ran.
 * - `overlaps`: tools S and T are judged together.
 */
export const relationshipKindSchema = z.enum([
  'entails',
  'overrides',
  'requires',
  'disambiguates',
  'reevaluate-after',
  'overlaps',
]);
/** How a relationship's source relates to its target. */
export type RelationshipKind = z.infer<typeof relationshipKindSchema>;

const relationshipFields = {
  kind: relationshipKindSchema,
  source: relationshipEndpointSchema,
  target: relationshipEndpointSchema,
  /** For `requires`: relationships of one source sharing this group need only one target. */
  anyOf: z.string().min(1).nullable(),
  /** The agent whose code defines it (`conduct.sync`); `null` when created over the API. */
  owner: ownerFieldSchema,
};

function endpointsDiffer(value: { source: RelationshipEndpoint; target: RelationshipEndpoint }) {
  return value.source.type !== value.target.type || value.source.id !== value.target.id;
}
const sameEndpoints = { message: 'source and target must differ', path: ['target'] };

/** A directed relationship between two behavior-model entities. */
export const relationshipSchema = z
  .object({
    id: idSchema,
    ...relationshipFields,
    // Absent on entities stored before ownership existed: they count as `null`.
    owner: relationshipFields.owner.optional(),
    createdAt: timestampSchema,
  })
  .refine(endpointsDiffer, sameEndpoints);
/** A directed relationship between two behavior-model entities. */
export type Relationship = z.infer<typeof relationshipSchema>;

/** What it takes to create a relationship. */
export const relationshipInputSchema = z
  .object({
    id: idSchema.optional(),
    kind: relationshipFields.kind,
    source: relationshipFields.source,
    target: relationshipFields.target,
    anyOf: relationshipFields.anyOf.default(null),
    owner: relationshipFields.owner.default(null),
  })
  .refine(endpointsDiffer, sameEndpoints);
/** What it takes to create a relationship. */
export type RelationshipInput = z.input<typeof relationshipInputSchema>;
