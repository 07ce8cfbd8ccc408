import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import {
  compositionModeSchema,
  labelsSchema,
  metadataSchema,
  tagIdsSchema,
  toolRefSchema,
} from './common.js';
import { ownerFieldSchema } from './owner.js';

/** Stable id of a journey state or transition: unique within its journey. */
export const journeyNodeIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/, 'state and transition ids use letters, digits, "_", "-" and "."');

const stateBase = {
  id: journeyNodeIdSchema,
  description: z.string().nullable().default(null),
  compositionMode: compositionModeSchema.nullable().default(null),
  metadata: metadataSchema.default({}),
};

/**
 * A step of a journey:
 * - `chat`: something to say or ask (`instruction`);
 * - `tool`: tools to run;
 * - `fork`: a branch on the conditions of its outgoing transitions;
 * - `journey`: run another journey as a sub-flow;
 * - `end`: the journey is complete.
 */
export const journeyStateSchema = z.discriminatedUnion('type', [
  z.object({ ...stateBase, type: z.literal('chat'), instruction: z.string().trim().min(1) }),
  z.object({
    ...stateBase,
    type: z.literal('tool'),
    tools: z.array(toolRefSchema).min(1),
    instruction: z.string().nullable().default(null),
  }),
  z.object({ ...stateBase, type: z.literal('fork') }),
  z.object({ ...stateBase, type: z.literal('journey'), journeyId: idSchema }),
  z.object({ ...stateBase, type: z.literal('end') }),
]);
/** A step of a journey. */
export type JourneyState = z.output<typeof journeyStateSchema>;
/** A step of a journey, as written by an author (defaults not yet applied). */
export type JourneyStateInput = z.input<typeof journeyStateSchema>;

/** A move from one state to another, taken when `condition` holds (or always when `null`). */
export const journeyTransitionSchema = z.object({
  id: journeyNodeIdSchema,
  from: journeyNodeIdSchema,
  to: journeyNodeIdSchema,
  condition: z.string().trim().min(1).nullable().default(null),
});
/** A move from one state to another. */
export type JourneyTransition = z.output<typeof journeyTransitionSchema>;

/** A condition that activates the journey; its id lets wire clients refer to it. */
export const journeyTriggerSchema = z.object({
  id: idSchema,
  condition: z.string().trim().min(1),
});
/** A condition that activates the journey. */
export type JourneyTrigger = z.infer<typeof journeyTriggerSchema>;

const journeyFields = {
  title: z.string().trim().min(1).max(100),
  description: z.string(),
  triggers: z.array(journeyTriggerSchema),
  /** The state a newly activated journey starts in. */
  initialStateId: journeyNodeIdSchema,
  states: z.array(journeyStateSchema).min(1),
  transitions: z.array(journeyTransitionSchema),
  tags: tagIdsSchema,
  labels: labelsSchema,
  compositionMode: compositionModeSchema.nullable(),
  priority: z.number().int(),
  /** The agent whose code defines it (`conduct.sync`); `null` when created over the API. */
  owner: ownerFieldSchema,
};

/** A flexible multi-step flow the agent may move through. */
export const journeySchema = z.object({
  id: idSchema,
  ...journeyFields,
  // Absent on entities stored before ownership existed: they count as `null`.
  owner: journeyFields.owner.optional(),
  createdAt: timestampSchema,
});
/** A flexible multi-step flow the agent may move through. */
export type Journey = z.output<typeof journeySchema>;

/** What it takes to create a journey. Graph validation is the journeys module's job. */
export const journeyInputSchema = z.object({
  id: idSchema.optional(),
  title: journeyFields.title,
  description: journeyFields.description.default(''),
  triggers: journeyFields.triggers.default([]),
  initialStateId: journeyFields.initialStateId,
  states: journeyFields.states,
  transitions: journeyFields.transitions.default([]),
  tags: journeyFields.tags.default([]),
  labels: journeyFields.labels.default([]),
  compositionMode: journeyFields.compositionMode.default(null),
  priority: journeyFields.priority.default(0),
  owner: journeyFields.owner.default(null),
});
/** What it takes to create a journey. */
export type JourneyInput = z.input<typeof journeyInputSchema>;

/** Fields that can be changed after creation. */
export const journeyPatchSchema = z.object(journeyFields).partial();
/** Fields that can be changed after creation. */
export type JourneyPatch = z.input<typeof journeyPatchSchema>;
