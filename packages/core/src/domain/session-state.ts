import { z } from 'zod';
import { idSchema, traceIdSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';

/** A tracked guideline that a reply has applied (decided after the reply, off the critical path). */
export const appliedGuidelineSchema = z.object({
  guidelineId: idSchema,
  /** Trace of the turn whose reply applied it most recently. */
  traceId: traceIdSchema,
  appliedAt: timestampSchema,
  /** How many replies have applied it. */
  count: z.number().int().min(1),
});
/** A tracked guideline that a reply has applied. */
export type AppliedGuideline = z.infer<typeof appliedGuidelineSchema>;

/**
 * Where a session stands in one journey. Positions are stable state ids, never indexes, so that
 * editing a journey cannot silently move a live session to another step.
 */
export const journeyPositionSchema = z.object({
  journeyId: idSchema,
  /** Current state id, or `null` once the journey has finished or been left. */
  stateId: z.string().min(1).nullable(),
  /** State ids visited in order (for backtracking), the current one last. */
  path: z.array(z.string().min(1)),
  /** Why the journey stopped, when `stateId` is null. */
  outcome: z.enum(['active', 'completed', 'left']),
  updatedAt: timestampSchema,
  /** Trace of the turn that last moved it. */
  traceId: traceIdSchema.nullable(),
});
/** Where a session stands in one journey. */
export type JourneyPosition = z.infer<typeof journeyPositionSchema>;

/** An explicit, visible move of the session from one agent (department) to another. */
export const agentTransferSchema = z.object({
  fromAgentId: idSchema,
  toAgentId: idSchema,
  reason: z.string().nullable(),
  traceId: traceIdSchema.nullable(),
  at: timestampSchema,
});
/** An explicit move of the session to another agent. */
export type AgentTransfer = z.infer<typeof agentTransferSchema>;

/** The engine's memory of a session between turns. */
export const sessionEngineStateSchema = z.object({
  appliedGuidelines: z.array(appliedGuidelineSchema),
  /** Journey positions by journey id. */
  journeys: z.record(z.string(), journeyPositionSchema),
  transfers: z.array(agentTransferSchema),
  /** Guideline ids matched in the last few turns, newest turn first (the pre-filter keeps them). */
  recentlyMatched: z.array(z.array(idSchema)),
});
/** The engine's memory of a session between turns. */
export type SessionEngineState = z.infer<typeof sessionEngineStateSchema>;

/** The state of a session that no turn has touched yet. */
export function emptySessionEngineState(): SessionEngineState {
  return { appliedGuidelines: [], journeys: {}, transfers: [], recentlyMatched: [] };
}
