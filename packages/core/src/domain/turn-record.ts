import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { toolRefSchema } from './common.js';

const usageSchema = z.object({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cachedInputTokens: z.number().int().min(0),
  cacheWriteTokens: z.number().int().min(0),
});

/** Persisted form of a model call (the model port's `ModelCallRecord`). */
export const modelCallRecordSchema = z.object({
  task: z.string(),
  traceId: z.string().optional(),
  kind: z.enum(['object', 'text', 'embed']),
  provider: z.string(),
  model: z.string(),
  startedAt: timestampSchema,
  endedAt: timestampSchema,
  latencyMs: z.number().min(0),
  usage: usageSchema,
  messages: z.array(
    z.object({
      role: z.enum(['system', 'user', 'assistant']),
      content: z.string(),
      cacheBreakpoint: z.boolean().optional(),
    }),
  ),
  output: z.string().optional(),
  error: z.string().optional(),
});

/** An entity a turn considered, matched or dropped. */
export const turnEntityRefSchema = z.object({
  type: z.enum(['guideline', 'journey', 'journey-state', 'tool']),
  id: z.string(),
});
/** An entity a turn considered, matched or dropped. */
export type TurnEntityRef = z.infer<typeof turnEntityRefSchema>;

/** One strategy's answer about one entity. `matched: null` means it could not be evaluated. */
export const matchVerdictSchema = z.object({
  entity: turnEntityRefSchema,
  /** Strategy or task that answered, e.g. `actionable`, `always`, `keyword`. */
  strategy: z.string(),
  matched: z.boolean().nullable(),
  rationale: z.string().nullable(),
  /** Why it could not be evaluated, when `matched` is null. */
  error: z.string().nullable(),
  /** Disambiguation: the targets held back and the question asked instead. */
  clarification: z
    .object({
      targets: z.array(z.object({ type: z.enum(['guideline', 'journey']), id: z.string() })),
      question: z.string(),
    })
    .optional(),
});
/** One strategy's answer about one entity. */
export type MatchVerdict = z.infer<typeof matchVerdictSchema>;

/** Why the relationship resolver added or dropped an entity. */
export const resolutionReasonSchema = z.object({
  entity: turnEntityRefSchema,
  change: z.enum(['added', 'dropped', 'kept']),
  /** The relationship kind or rule that caused it, e.g. `entails`, `overrides`, `requires`. */
  rule: z.string(),
  relationshipId: idSchema.nullable(),
  /** The other entity involved (the entailing guideline, the overriding one…). */
  because: turnEntityRefSchema.nullable(),
  explanation: z.string(),
});
/** Why the relationship resolver added or dropped an entity. */
export type ResolutionReason = z.infer<typeof resolutionReasonSchema>;

/** A tool call the turn proposed, validated and (maybe) ran. */
export const turnToolCallSchema = z.object({
  tool: toolRefSchema,
  arguments: z.record(z.string(), z.unknown()),
  status: z.enum(['succeeded', 'failed', 'skipped']),
  result: z.unknown().optional(),
  error: z.string().nullable(),
  durationMs: z.number().min(0),
});

/** What the reply must act on because a tool could not run (e.g. ask for a missing argument). */
export const toolInsightSchema = z.object({
  tool: toolRefSchema,
  kind: z.enum(['missing-argument', 'invalid-argument', 'tool-error']),
  parameter: z.string().nullable(),
  message: z.string(),
});
/** What the reply must act on because a tool could not run. */
export type ToolInsight = z.infer<typeof toolInsightSchema>;

/** The decision record of one turn: what was considered, decided, called and why. */
export const turnRecordSchema = z.object({
  id: idSchema,
  sessionId: idSchema,
  agentId: idSchema,
  /** The customer message's trace id, shared by every event of the turn. */
  traceId: z.string(),
  status: z.enum(['running', 'completed', 'cancelled', 'error']),
  startedAt: timestampSchema,
  endedAt: timestampSchema.nullable(),
  candidates: z.array(turnEntityRefSchema),
  /** Candidates the pre-filter left out, with why. */
  skipped: z.array(z.object({ entity: turnEntityRefSchema, reason: z.string() })),
  verdicts: z.array(matchVerdictSchema),
  resolution: z.array(resolutionReasonSchema),
  matched: z.object({
    guidelines: z.array(z.string()),
    journeys: z.array(z.string()),
    journeyStates: z.array(z.string()),
  }),
  toolCalls: z.array(turnToolCallSchema),
  insights: z.array(toolInsightSchema),
  modelCalls: z.array(modelCallRecordSchema),
  stages: z.array(
    z.object({ name: z.string(), startedAt: timestampSchema, durationMs: z.number().min(0) }),
  ),
  errors: z.array(
    z.object({ stage: z.string(), message: z.string(), code: z.string().nullable() }),
  ),
  /** Ids of the events the turn emitted. */
  eventIds: z.array(z.string()),
  /** Anything else worth knowing (a journey position reset after an edit, a policy decision…). */
  notes: z.array(z.string()),
});
/** The decision record of one turn. */
export type TurnRecord = z.infer<typeof turnRecordSchema>;

/** A fresh, empty decision record for a turn that is starting. */
export function newTurnRecord(
  ids: Pick<TurnRecord, 'id' | 'sessionId' | 'agentId' | 'traceId' | 'startedAt'>,
): TurnRecord {
  return {
    ...ids,
    status: 'running',
    endedAt: null,
    candidates: [],
    skipped: [],
    verdicts: [],
    resolution: [],
    matched: { guidelines: [], journeys: [], journeyStates: [] },
    toolCalls: [],
    insights: [],
    modelCalls: [],
    stages: [],
    errors: [],
    eventIds: [],
    notes: [],
  };
}
