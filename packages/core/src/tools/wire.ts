import type { z } from 'zod';
import type { ToolCallData } from '../domain/event-data.js';
import type { ToolInsight, turnToolCallSchema } from '../domain/turn-record.js';
import type { ToolCallOutcome } from './run-tool-calls.js';
import { isPlainObject } from './tool-result.js';

/** One entry of a turn record's `toolCalls`. */
export type TurnToolCallEntry = z.infer<typeof turnToolCallSchema>;

/**
 * The `tool_calls[]` item of a `tool` event (Parlant wire shape).
 *
 * A failed call carries `data: { error: message }` so the model knows the call happened and
 * why it produced nothing; tool authors should keep secrets out of error messages. The session
 * `transfer` control is not part of the wire format: the engine applies it from the outcome.
 */
export function toToolCallData(outcome: ToolCallOutcome): ToolCallData {
  const result = outcome.result;
  if (outcome.status === 'failed' || !result) {
    return {
      tool_id: outcome.tool,
      arguments: outcome.args,
      result: {
        data: { error: outcome.error ?? 'unknown error' },
        metadata: {},
        control: {},
        canned_responses: [],
        canned_response_fields: {},
      },
    };
  }
  const { mode, lifespan } = result.control;
  return {
    tool_id: outcome.tool,
    arguments: outcome.args,
    result: {
      data: result.data,
      metadata: result.metadata,
      control: {
        ...(mode === undefined ? {} : { mode }),
        ...(lifespan === undefined ? {} : { lifespan }),
      },
      canned_responses: result.cannedResponses,
      canned_response_fields: result.cannedResponseFields,
      ...(result.guidelines.length > 0 ? { guidelines: result.guidelines } : {}),
    },
  };
}

/** The turn record's entry for a call that ran (`result` is the whole normalized result). */
export function toTurnToolCall(outcome: ToolCallOutcome): TurnToolCallEntry {
  return {
    tool: outcome.tool,
    arguments: outcome.args,
    status: outcome.status,
    ...(outcome.result === undefined ? {} : { result: outcome.result }),
    error: outcome.status === 'failed' ? (outcome.error ?? 'unknown error') : null,
    durationMs: outcome.durationMs,
  };
}

/**
 * The turn record's entry for a proposed call that did not run because validation failed:
 * `skipped`, with the insights' messages as `error`.
 */
export function toSkippedTurnToolCall(
  tool: ToolInsight['tool'],
  proposedArgs: unknown,
  insights: readonly ToolInsight[],
): TurnToolCallEntry {
  return {
    tool,
    arguments: isPlainObject(proposedArgs) ? proposedArgs : {},
    status: 'skipped',
    error: insights.map((insight) => insight.message).join('; ') || null,
    durationMs: 0,
  };
}
