import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { compositionModeSchema, tagIdsSchema } from './common.js';
import { ownerFieldSchema } from './owner.js';

/** `block` sends the reply when it is complete; `stream` sends it chunk by chunk. */
export const outputModeSchema = z.enum(['block', 'stream']);
/** How a reply is delivered. */
export type OutputMode = z.infer<typeof outputModeSchema>;

const agentFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().nullable(),
  compositionMode: compositionModeSchema,
  outputMode: outputModeSchema,
  /** Upper bound on preparation iterations (match → tools → re-match) per turn. */
  maxEngineIterations: z.number().int().min(1).max(20),
  tags: tagIdsSchema,
  /** The agent whose code defines it (`conduct.sync`); `null` when created over the API. */
  owner: ownerFieldSchema,
};

/** An agent: one persona with its own behavior model. */
export const agentSchema = z.object({
  id: idSchema,
  ...agentFields,
  // Absent on entities stored before ownership existed: they count as `null`.
  owner: agentFields.owner.optional(),
  createdAt: timestampSchema,
});
/** An agent: one persona with its own behavior model. */
export type Agent = z.infer<typeof agentSchema>;

/** What it takes to create an agent; everything but `name` has a default. */
export const agentInputSchema = z.object({
  id: idSchema.optional(),
  name: agentFields.name,
  description: agentFields.description.default(null),
  compositionMode: agentFields.compositionMode.default('fluid'),
  outputMode: agentFields.outputMode.default('block'),
  maxEngineIterations: agentFields.maxEngineIterations.default(3),
  tags: agentFields.tags.default([]),
  owner: agentFields.owner.default(null),
});
/** What it takes to create an agent. */
export type AgentInput = z.input<typeof agentInputSchema>;

/** Fields that can be changed after creation. */
export const agentPatchSchema = z.object(agentFields).partial();
/** Fields that can be changed after creation. */
export type AgentPatch = z.input<typeof agentPatchSchema>;
