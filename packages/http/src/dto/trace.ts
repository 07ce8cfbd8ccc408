import { z } from 'zod';
import { named, timestampDto } from '../openapi/schema-registry.js';
import { eventDtoSchema } from './event.js';

const entityRef = z.object({ type: z.string(), id: z.string() });

const journeyDecision = z.object({
  journey_id: z.string(),
  action: z.string().describe('activated, restarted, stayed, advanced, auto-advanced, …'),
  from: z.string().nullable(),
  to: z.string().nullable(),
  via: z.array(z.string()),
  decided_by: z.string(),
  reason: z.string(),
});

const toolDecision = z.object({
  tool: z.string(),
  offered_by: z.array(entityRef).describe('Matched guidelines and journey states that offered it'),
  decided_by: z.enum(['tool-call', 'engine']),
  reason: z.string(),
  calls: z.number().describe('Calls proposed to run'),
  awaiting_confirmation: z
    .number()
    .describe('Calls of a consequential tool held back until the customer confirms them'),
});

const grounding = z.object({
  method: z.enum(['lexical', 'embeddings']),
  terms: z.array(z.string()),
  capabilities: z.array(z.string()),
  variables: z.array(z.object({ id: z.string(), name: z.string(), key: z.string() })),
  refreshes: z.array(
    z.object({
      variable_id: z.string(),
      name: z.string(),
      tool: z.string(),
      key: z.string().nullable(),
      status: z.enum(['refreshed', 'failed']),
      duration_ms: z.number(),
      error: z.string().nullable(),
    }),
  ),
  retrievers: z.array(
    z.object({
      name: z.string(),
      attached_to: z.string(),
      status: z.enum(['ok', 'timeout', 'error', 'discarded']),
      duration_ms: z.number(),
      size: z.number(),
      error: z.string().nullable(),
    }),
  ),
});

const composition = z.object({
  mode: z.enum(['fluid', 'canned_fluid', 'composited_canned', 'strict_canned']),
  mode_source: entityRef.nullable(),
  mode_reason: z.string(),
  candidates: z.array(z.string()),
  excluded: z.array(z.object({ id: z.string(), reason: z.string() })),
  chosen: z.string().nullable(),
  outcome: z.enum(['fluid', 'template', 'draft', 'restyled', 'no-match', 'silent']),
  reason: z.string(),
});

/**
 * The documented shape of a turn's decision record (`turnRecordDto`). Nested values the turn
 * did not author (tool arguments and results, prompts) are left open.
 */
export const turnRecordDtoSchema = named(
  z.object({
    id: z.string(),
    session_id: z.string(),
    agent_id: z.string(),
    trace_id: z.string(),
    status: z.enum(['running', 'completed', 'cancelled', 'error']),
    started_at: timestampDto,
    ended_at: timestampDto.nullable(),
    candidates: z.array(entityRef),
    skipped: z.array(z.object({ entity: entityRef, reason: z.string() })),
    verdicts: z.array(z.record(z.string(), z.unknown())),
    resolution: z.array(z.record(z.string(), z.unknown())),
    matched: z.object({
      guidelines: z.array(z.string()),
      journeys: z.array(z.string()),
      journey_states: z.array(z.string()),
    }),
    journeys: z.array(journeyDecision).describe('Every journey decision of the turn, in order'),
    tool_decisions: z
      .array(toolDecision)
      .describe('What the tool round decided about each offered tool, with the reason'),
    tool_calls: z.array(z.record(z.string(), z.unknown())),
    insights: z.array(z.record(z.string(), z.unknown())),
    model_calls: z.array(z.record(z.string(), z.unknown())),
    grounding: grounding.describe('Glossary terms, variables, refreshes and retriever runs'),
    composition: composition
      .nullable()
      .describe('How the reply was composed; null when none was, or a custom composer ran'),
    stages: z.array(
      z.object({ name: z.string(), started_at: timestampDto, duration_ms: z.number() }),
    ),
    errors: z.array(z.unknown()),
    event_ids: z.array(z.string()),
    notes: z.array(z.unknown()),
    subjects: z
      .array(
        z.object({
          entity: entityRef,
          title: z.string().nullable(),
          text: z
            .string()
            .describe(
              "As it read during the turn: a guideline's rule, a journey's title, a state's step, a tool's name",
            ),
        }),
      )
      .describe("What every entity named in the record is, in its author's words"),
  }),
  'TurnRecord',
);

/** `GET /sessions/{id}/traces/{trace_id}`: the turns that ran under a trace and its events. */
export const traceDtoSchema = named(
  z.object({
    session_id: z.string(),
    trace_id: z.string(),
    turns: z.array(turnRecordDtoSchema),
    events: z.array(eventDtoSchema).describe('Every event of the trace, deleted ones included'),
  }),
  'Trace',
);
