import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { compositionModeSchema, toolRefSchema } from './common.js';

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
  /** Set when the call was hedged (see the model port's `HedgeRecord`); `usage` counts both. */
  hedge: z
    .object({
      delayMs: z.number().min(0),
      primaryModel: z.string(),
      hedgeModel: z.string(),
      winner: z.enum(['primary', 'hedge']),
      loserUsage: usageSchema,
    })
    .optional(),
});

/** An entity a turn considered, matched or dropped. */
export const turnEntityRefSchema = z.object({
  type: z.enum(['guideline', 'journey', 'journey-state', 'tool']),
  id: z.string(),
});
/** An entity a turn considered, matched or dropped. */
export type TurnEntityRef = z.infer<typeof turnEntityRefSchema>;

/**
 * An entity the record names, in its author's words: ids alone (`ADcsze1WKH`) tell a reader
 * nothing, and the entity may have changed or gone since the turn.
 */
export const turnSubjectSchema = z.object({
  entity: turnEntityRefSchema,
  /** The author's title, when the entity has one. */
  title: z.string().nullable(),
  /**
   * As it read during the turn: a guideline's rule (`When …, then …` or `Note: …`), a journey's
   * title, a journey state's step (`<journey>: <instruction>`), a tool's name.
   */
  text: z.string(),
});
/** An entity the record names, in its author's words. */
export type TurnSubject = z.infer<typeof turnSubjectSchema>;

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

/**
 * What the reply must act on because a tool could not run (e.g. ask for a missing argument, or
 * for the customer's confirmation of a consequential call: `needs-confirmation`).
 */
export const toolInsightSchema = z.object({
  tool: toolRefSchema,
  kind: z.enum(['missing-argument', 'invalid-argument', 'tool-error', 'needs-confirmation']),
  parameter: z.string().nullable(),
  message: z.string(),
});
/** What the reply must act on because a tool could not run. */
export type ToolInsight = z.infer<typeof toolInsightSchema>;

/** What the tool round decided about one offered tool, and why. */
export const toolDecisionSchema = z.object({
  tool: toolRefSchema,
  /** What offered it: matched guidelines, and journey states the session is at (`journey-state`). */
  offeredBy: z.array(turnEntityRefSchema),
  /**
   * `tool-call`: the model task decided; `engine`: called with no model call (a tool without
   * parameters that is not consequential).
   */
  decidedBy: z.enum(['tool-call', 'engine']),
  /** Why it is called or not, as the model stated it before its calls (at most ~15 words). */
  reason: z.string(),
  /** Calls proposed to run (before the `toolsInferred` hooks and validation). */
  calls: z.number().int().min(0),
  /** Calls of a consequential tool held back because the customer has not confirmed them. */
  awaitingConfirmation: z.number().int().min(0),
});
/** What the tool round decided about one offered tool, and why. */
export type ToolDecision = z.infer<typeof toolDecisionSchema>;

/**
 * What a turn did with one journey: activated it, kept it, moved it (by a model step, or with
 * no model call after a tool ran), sent it back, left or completed it, or reset a stored
 * position that an edit of the journey had made invalid.
 */
export const journeyDecisionSchema = z.object({
  journeyId: z.string(),
  action: z.enum([
    'activated',
    'restarted',
    'stayed',
    'advanced',
    'auto-advanced',
    'backtracked',
    'left',
    'completed',
    'reset',
    'held',
  ]),
  /** State before the decision (`null` when the journey was not active). */
  from: z.string().nullable(),
  /** State after it (`null` once the journey completed or was left). */
  to: z.string().nullable(),
  /** States passed through on the way (forks, steps already answered). */
  via: z.array(z.string()),
  /** Who decided: a strategy or task name, `engine` for rules applied without a model. */
  decidedBy: z.string(),
  reason: z.string(),
});
/** What a turn did with one journey. */
export type JourneyDecision = z.infer<typeof journeyDecisionSchema>;

/** A tool-backed variable value refreshed at the start of a turn. */
export const variableRefreshRecordSchema = z.object({
  variableId: idSchema,
  name: z.string(),
  tool: toolRefSchema,
  /** The key the fresh value was stored under (the customer's id); `null`: a guest, not stored. */
  key: z.string().nullable(),
  status: z.enum(['refreshed', 'failed']),
  durationMs: z.number().min(0),
  error: z.string().nullable(),
});

/** One retriever run of a turn. */
export const retrieverRunRecordSchema = z.object({
  name: z.string(),
  /** Where it is attached: `agent:<id>`, `guideline:<id>`, `journey:<id>[/<state id>]`. */
  attachedTo: z.string(),
  /**
   * `ok`: it returned (maybe nothing); `timeout`/`error`: the reply was written without it;
   * `discarded`: its guideline stopped applying (or no reply was composed) before it was used.
   */
  status: z.enum(['ok', 'timeout', 'error', 'discarded']),
  durationMs: z.number().min(0),
  /** Characters of the returned data as JSON (0 for nothing). */
  size: z.number().int().min(0),
  error: z.string().nullable(),
});

/** What grounded a turn: the glossary terms, variables and capabilities used, and retriever runs. */
export const turnGroundingRecordSchema = z.object({
  /** How terms and capabilities were chosen. */
  method: z.enum(['lexical', 'embeddings']),
  terms: z.array(idSchema),
  capabilities: z.array(idSchema),
  /** Variables with a value for the customer, and the key that value came from. */
  variables: z.array(z.object({ id: idSchema, name: z.string(), key: z.string() })),
  refreshes: z.array(variableRefreshRecordSchema),
  retrievers: z.array(retrieverRunRecordSchema),
});
/** What grounded a turn. */
export type TurnGroundingRecord = z.infer<typeof turnGroundingRecordSchema>;

/** The grounding record of a turn that used none. */
export function emptyGroundingRecord(): TurnGroundingRecord {
  return {
    method: 'lexical',
    terms: [],
    capabilities: [],
    variables: [],
    refreshes: [],
    retrievers: [],
  };
}

/**
 * How a turn's reply was composed: the composition mode and why, the canned responses offered
 * to the model and those excluded (a field that could not be filled), the one chosen, and the
 * outcome.
 */
export const compositionRecordSchema = z.object({
  mode: compositionModeSchema,
  /** The guideline, journey or journey state whose mode applied; `null` for the agent's own. */
  modeSource: turnEntityRefSchema.nullable(),
  modeReason: z.string(),
  /** Ids of the canned responses offered to the model. */
  candidates: z.array(z.string()),
  /** Canned responses that could not be used this turn, with why. */
  excluded: z.array(z.object({ id: z.string(), reason: z.string() })),
  /** The canned response sent (the no-match response's id when that was sent). */
  chosen: z.string().nullable(),
  /**
   * `fluid`: free text; `template`: an approved template; `draft`: the draft as written
   * (non-strict modes only); `restyled`: the draft rewritten in approved wording; `no-match`:
   * strict mode's no-match reply; `silent`: nothing to say.
   */
  outcome: z.enum(['fluid', 'template', 'draft', 'restyled', 'no-match', 'silent']),
  reason: z.string(),
});
/** How a turn's reply was composed. */
export type CompositionRecord = z.infer<typeof compositionRecordSchema>;

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
  /** Every journey decision of the turn, in order. */
  journeys: z.array(journeyDecisionSchema).default([]),
  /** What the tool round decided about each offered tool, with the reason; older records read back with none. */
  toolDecisions: z.array(toolDecisionSchema).default([]),
  toolCalls: z.array(turnToolCallSchema),
  insights: z.array(toolInsightSchema),
  modelCalls: z.array(modelCallRecordSchema),
  /** Records written before grounding existed read back with an empty one. */
  grounding: turnGroundingRecordSchema.default(emptyGroundingRecord),
  /** How the reply was composed (`null` when no reply was composed or a custom composer ran). */
  composition: compositionRecordSchema.nullable().default(null),
  stages: z.array(
    z.object({ name: z.string(), startedAt: timestampSchema, durationMs: z.number().min(0) }),
  ),
  /**
   * What went wrong, including what the turn survived: an unevaluated guideline (code
   * `guideline_unevaluated`, with the guideline as `entity`), a reply cut off
   * (`reply_truncated`), a failed hook or store write.
   */
  errors: z.array(
    z.object({
      stage: z.string(),
      message: z.string(),
      code: z.string().nullable(),
      /** The guideline (or other entity) the error is about, when there is one. */
      entity: turnEntityRefSchema.optional(),
    }),
  ),
  /** Ids of the events the turn emitted. */
  eventIds: z.array(z.string()),
  /** Anything else worth knowing (a journey position reset after an edit, a policy decision…). */
  notes: z.array(z.string()),
  /**
   * What every entity named above is, as it read during the turn (older records read back with
   * none).
   */
  subjects: z.array(turnSubjectSchema).default([]),
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
    journeys: [],
    toolDecisions: [],
    toolCalls: [],
    insights: [],
    modelCalls: [],
    grounding: emptyGroundingRecord(),
    composition: null,
    stages: [],
    errors: [],
    eventIds: [],
    notes: [],
    subjects: [],
  };
}
