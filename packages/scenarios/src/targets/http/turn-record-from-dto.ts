import { type TurnRecord, turnRecordSchema } from '@conduct/core';

// biome-ignore lint/suspicious/noExplicitAny: the trace endpoint's DTO, read key by key below.
type Dto = any;

/**
 * The core `TurnRecord` of a record from `GET /sessions/{id}/traces/{trace_id}`: the snake_case
 * DTO mapped back key by key (the inverse of the server's `turnRecordDto`), `null`s the server
 * writes for absent optional values dropped, then validated with core's schema so a server of
 * another shape fails here, not in an expectation.
 */
export function turnRecordFromDto(dto: Dto): TurnRecord {
  const record = {
    id: dto.id,
    sessionId: dto.session_id,
    agentId: dto.agent_id,
    traceId: dto.trace_id,
    status: dto.status,
    startedAt: dto.started_at,
    endedAt: dto.ended_at,
    candidates: dto.candidates,
    skipped: dto.skipped,
    verdicts: dto.verdicts,
    resolution: (dto.resolution ?? []).map((reason: Dto) => ({
      entity: reason.entity,
      change: reason.change,
      rule: reason.rule,
      relationshipId: reason.relationship_id,
      because: reason.because,
      explanation: reason.explanation,
    })),
    matched: {
      guidelines: dto.matched.guidelines,
      journeys: dto.matched.journeys,
      journeyStates: dto.matched.journey_states,
    },
    journeys: (dto.journeys ?? []).map((decision: Dto) => ({
      journeyId: decision.journey_id,
      action: decision.action,
      from: decision.from,
      to: decision.to,
      via: decision.via,
      decidedBy: decision.decided_by,
      reason: decision.reason,
    })),
    toolDecisions: (dto.tool_decisions ?? []).map((decision: Dto) => ({
      tool: decision.tool,
      offeredBy: decision.offered_by,
      decidedBy: decision.decided_by,
      reason: decision.reason,
      calls: decision.calls,
      awaitingConfirmation: decision.awaiting_confirmation,
    })),
    toolCalls: (dto.tool_calls ?? []).map((call: Dto) => ({
      tool: call.tool,
      arguments: call.arguments,
      status: call.status,
      ...(call.result === null || call.result === undefined ? {} : { result: call.result }),
      error: call.error,
      durationMs: call.duration_ms,
    })),
    insights: dto.insights,
    modelCalls: (dto.model_calls ?? []).map(modelCallFromDto),
    grounding: dto.grounding === undefined ? undefined : groundingFromDto(dto.grounding),
    composition:
      dto.composition === null || dto.composition === undefined
        ? null
        : {
            mode: dto.composition.mode,
            modeSource: dto.composition.mode_source,
            modeReason: dto.composition.mode_reason,
            candidates: dto.composition.candidates,
            excluded: dto.composition.excluded,
            chosen: dto.composition.chosen,
            outcome: dto.composition.outcome,
            reason: dto.composition.reason,
          },
    stages: (dto.stages ?? []).map((stage: Dto) => ({
      name: stage.name,
      startedAt: stage.started_at,
      durationMs: stage.duration_ms,
    })),
    errors: dto.errors,
    eventIds: dto.event_ids,
    notes: dto.notes,
    subjects: dto.subjects ?? [],
  };
  return turnRecordSchema.parse(record);
}

function groundingFromDto(grounding: Dto) {
  return {
    method: grounding.method,
    terms: grounding.terms,
    capabilities: grounding.capabilities,
    variables: grounding.variables,
    refreshes: (grounding.refreshes ?? []).map((refresh: Dto) => ({
      variableId: refresh.variable_id,
      name: refresh.name,
      tool: refresh.tool,
      key: refresh.key,
      status: refresh.status,
      durationMs: refresh.duration_ms,
      error: refresh.error,
    })),
    retrievers: (grounding.retrievers ?? []).map((run: Dto) => ({
      name: run.name,
      attachedTo: run.attached_to,
      status: run.status,
      durationMs: run.duration_ms,
      size: run.size,
      error: run.error,
    })),
  };
}

function modelCallFromDto(call: Dto) {
  return {
    task: call.task,
    ...(call.trace_id === null ? {} : { traceId: call.trace_id }),
    kind: call.kind,
    provider: call.provider,
    model: call.model,
    startedAt: call.started_at,
    endedAt: call.ended_at,
    latencyMs: call.latency_ms,
    usage: usageFromDto(call.usage),
    messages: (call.messages ?? []).map((message: Dto) => ({
      role: message.role,
      content: message.content,
      ...(message.cache_breakpoint === true ? { cacheBreakpoint: true } : {}),
    })),
    ...(call.output === null ? {} : { output: call.output }),
    ...(call.error === null ? {} : { error: call.error }),
    ...(call.hedge === null || call.hedge === undefined
      ? {}
      : {
          hedge: {
            delayMs: call.hedge.delay_ms,
            primaryModel: call.hedge.primary_model,
            hedgeModel: call.hedge.hedge_model,
            winner: call.hedge.winner,
            loserUsage: usageFromDto(call.hedge.loser_usage),
          },
        }),
  };
}

function usageFromDto(usage: Dto) {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cachedInputTokens: usage.cached_input_tokens,
    cacheWriteTokens: usage.cache_write_tokens,
  };
}
