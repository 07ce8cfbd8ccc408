import { z } from 'zod';
import { contentId } from '../util/content-id.js';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import {
  compositionModeSchema,
  criticalitySchema,
  labelsSchema,
  metadataSchema,
  tagIdsSchema,
  toolRefSchema,
} from './common.js';
import { ownerFieldSchema } from './owner.js';

/**
 * Facts about a guideline that decide which matching task evaluates it. Derived once by the
 * `classify-guideline` task and cached by content hash; an author may override them.
 */
export const guidelineClassificationSchema = z.object({
  /** The action needs the customer's answer to be complete (e.g. "ask for the order number"). */
  customerDependent: z.boolean(),
  /** The action keeps applying while the condition holds (e.g. "use a formal tone"). */
  continuous: z.boolean(),
  /**
   * The condition is about what the agent itself does next (e.g. "the agent recommends a
   * product"): matching judges it as "the agent's next message is likely to do this". Absent in
   * classifications derived before this fact existed (derivation then runs again).
   */
  agentIntention: z.boolean().optional(),
  /** Why the classifier chose these facts (derived classifications), for people reviewing them. */
  reason: z.string().optional(),
  /** Hash of condition + action the facts were derived from; stale when it no longer matches. */
  contentHash: z.string(),
  /** `model` when derived, `author` when set by hand (never overwritten by derivation). */
  source: z.enum(['model', 'author']),
});
/** Facts that route a guideline to a matching task. */
export type GuidelineClassification = z.infer<typeof guidelineClassificationSchema>;

const guidelineFields = {
  /** When the guideline applies, in plain language. */
  condition: z.string().trim().min(1),
  /** What to do then; `null` makes the guideline an *observation*. */
  action: z.string().trim().min(1).nullable(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  criticality: criticalitySchema,
  enabled: z.boolean(),
  /** Higher wins when two matched guidelines are related by priority. See the resolver docs. */
  priority: z.number().int(),
  /** Remember when a reply applied it, so it is not repeated needlessly. */
  track: z.boolean(),
  tags: tagIdsSchema,
  labels: labelsSchema,
  metadata: metadataSchema,
  /** Overrides the agent's composition mode while this guideline is matched. */
  compositionMode: compositionModeSchema.nullable(),
  /** Tools the engine may call when this guideline is matched. */
  tools: z.array(toolRefSchema),
  classification: guidelineClassificationSchema.nullable(),
  /** The agent whose code defines it (`conduct.sync`); `null` when created over the API. */
  owner: ownerFieldSchema,
};

/** A granular rule: *when* `condition`, *then* `action`. */
export const guidelineSchema = z.object({
  id: idSchema,
  ...guidelineFields,
  // Absent on entities stored before ownership existed: they count as `null`.
  owner: guidelineFields.owner.optional(),
  createdAt: timestampSchema,
});
/** A granular rule: *when* `condition`, *then* `action`. */
export type Guideline = z.infer<typeof guidelineSchema>;

/** What it takes to create a guideline; only `condition` is required. */
export const guidelineInputSchema = z.object({
  id: idSchema.optional(),
  condition: guidelineFields.condition,
  action: guidelineFields.action.default(null),
  title: guidelineFields.title.default(null),
  description: guidelineFields.description.default(null),
  criticality: guidelineFields.criticality.default('medium'),
  enabled: guidelineFields.enabled.default(true),
  priority: guidelineFields.priority.default(0),
  track: guidelineFields.track.default(true),
  tags: guidelineFields.tags.default([]),
  labels: guidelineFields.labels.default([]),
  metadata: guidelineFields.metadata.default({}),
  compositionMode: guidelineFields.compositionMode.default(null),
  tools: guidelineFields.tools.default([]),
  classification: guidelineFields.classification.default(null),
  owner: guidelineFields.owner.default(null),
});
/** What it takes to create a guideline. */
export type GuidelineInput = z.input<typeof guidelineInputSchema>;

/** Fields that can be changed after creation. */
export const guidelinePatchSchema = z.object(guidelineFields).partial();
/** Fields that can be changed after creation. */
export type GuidelinePatch = z.input<typeof guidelinePatchSchema>;

/** True when the guideline has no action: it only observes that something holds. */
export function isObservation(guideline: Pick<Guideline, 'action'>): boolean {
  return guideline.action === null;
}

/**
 * Hash of what a guideline *means* (condition and action): derived facts such as its
 * classification are cached under it and go stale when it changes.
 */
export function guidelineContentHash(guideline: Pick<Guideline, 'condition' | 'action'>): string {
  return contentId(guideline.condition, guideline.action ?? '');
}

/**
 * A guideline as people read it: `When <condition>, then <action>`, or `Note: <condition>` for
 * an observation (the composer's wording, and the decision record's).
 */
export function guidelineRuleText(guideline: Pick<Guideline, 'condition' | 'action'>): string {
  return guideline.action
    ? `When ${guideline.condition}, then ${guideline.action}`
    : `Note: ${guideline.condition}`;
}
