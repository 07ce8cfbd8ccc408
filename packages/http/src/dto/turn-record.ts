import type { TurnRecord } from '@conduct/core';

type ModelCall = TurnRecord['modelCalls'][number];
type JourneyDecision = TurnRecord['journeys'][number];
type Grounding = TurnRecord['grounding'];
type Composition = NonNullable<TurnRecord['composition']>;

function journeyDecisionDto(decision: JourneyDecision) {
  return {
    journey_id: decision.journeyId,
    action: decision.action,
    from: decision.from,
    to: decision.to,
    via: decision.via,
    decided_by: decision.decidedBy,
    reason: decision.reason,
  };
}

function groundingDto(grounding: Grounding) {
  return {
    method: grounding.method,
    terms: grounding.terms,
    capabilities: grounding.capabilities,
    variables: grounding.variables,
    refreshes: grounding.refreshes.map((refresh) => ({
      variable_id: refresh.variableId,
      name: refresh.name,
      tool: refresh.tool,
      key: refresh.key,
      status: refresh.status,
      duration_ms: refresh.durationMs,
      error: refresh.error,
    })),
    retrievers: grounding.retrievers.map((run) => ({
      name: run.name,
      attached_to: run.attachedTo,
      status: run.status,
      duration_ms: run.durationMs,
      size: run.size,
      error: run.error,
    })),
  };
}

function compositionDto(composition: Composition) {
  return {
    mode: composition.mode,
    mode_source: composition.modeSource,
    mode_reason: composition.modeReason,
    candidates: composition.candidates,
    excluded: composition.excluded,
    chosen: composition.chosen,
    outcome: composition.outcome,
    reason: composition.reason,
  };
}

function modelCallDto(call: ModelCall) {
  return {
    task: call.task,
    trace_id: call.traceId ?? null,
    kind: call.kind,
    provider: call.provider,
    model: call.model,
    started_at: call.startedAt,
    ended_at: call.endedAt,
    latency_ms: call.latencyMs,
    usage: {
      input_tokens: call.usage.inputTokens,
      output_tokens: call.usage.outputTokens,
      cached_input_tokens: call.usage.cachedInputTokens,
      cache_write_tokens: call.usage.cacheWriteTokens,
    },
    messages: call.messages.map((message) => ({
      role: message.role,
      content: message.content,
      cache_breakpoint: message.cacheBreakpoint ?? false,
    })),
    output: call.output ?? null,
    error: call.error ?? null,
    hedge: call.hedge === undefined ? null : hedgeDto(call.hedge),
  };
}

// A hedged call: a second request raced the first; `usage` above counts both.
function hedgeDto(hedge: NonNullable<ModelCall['hedge']>) {
  return {
    delay_ms: hedge.delayMs,
    primary_model: hedge.primaryModel,
    hedge_model: hedge.hedgeModel,
    winner: hedge.winner,
    loser_usage: {
      input_tokens: hedge.loserUsage.inputTokens,
      output_tokens: hedge.loserUsage.outputTokens,
      cached_input_tokens: hedge.loserUsage.cachedInputTokens,
      cache_write_tokens: hedge.loserUsage.cacheWriteTokens,
    },
  };
}

/**
 * Wire shape of a turn's decision record (a Conduct extension, not in the reference). Keys are
 * snake_case like the rest of the API; values the turn did not author (tool arguments and
 * results, model messages) pass through unchanged.
 */
export function turnRecordDto(record: TurnRecord) {
  return {
    id: record.id,
    session_id: record.sessionId,
    agent_id: record.agentId,
    trace_id: record.traceId,
    status: record.status,
    started_at: record.startedAt,
    ended_at: record.endedAt,
    candidates: record.candidates,
    skipped: record.skipped,
    verdicts: record.verdicts,
    resolution: record.resolution.map((reason) => ({
      entity: reason.entity,
      change: reason.change,
      rule: reason.rule,
      relationship_id: reason.relationshipId,
      because: reason.because,
      explanation: reason.explanation,
    })),
    matched: {
      guidelines: record.matched.guidelines,
      journeys: record.matched.journeys,
      journey_states: record.matched.journeyStates,
    },
    journeys: record.journeys.map(journeyDecisionDto),
    tool_decisions: record.toolDecisions.map((decision) => ({
      tool: decision.tool,
      offered_by: decision.offeredBy,
      decided_by: decision.decidedBy,
      reason: decision.reason,
      calls: decision.calls,
      awaiting_confirmation: decision.awaitingConfirmation,
    })),
    tool_calls: record.toolCalls.map((call) => ({
      tool: call.tool,
      arguments: call.arguments,
      status: call.status,
      result: call.result ?? null,
      error: call.error,
      duration_ms: call.durationMs,
    })),
    insights: record.insights,
    model_calls: record.modelCalls.map(modelCallDto),
    grounding: groundingDto(record.grounding),
    composition: record.composition === null ? null : compositionDto(record.composition),
    stages: record.stages.map((stage) => ({
      name: stage.name,
      started_at: stage.startedAt,
      duration_ms: stage.durationMs,
    })),
    errors: record.errors,
    event_ids: record.eventIds,
    notes: record.notes,
    subjects: record.subjects,
  };
}
