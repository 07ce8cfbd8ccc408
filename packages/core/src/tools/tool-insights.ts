import { type ToolRef, toolDisplayName } from '../domain/common.js';
import type { ToolInsight } from '../domain/turn-record.js';
import type { ToolCallOutcome } from './run-tool-calls.js';

/**
 * One `tool-error` insight per failed outcome, so the reply does not promise a result it does
 * not have (e.g. "I couldn't check your order right now").
 */
export function toolErrorInsights(outcomes: readonly ToolCallOutcome[]): ToolInsight[] {
  return outcomes
    .filter((outcome) => outcome.status === 'failed')
    .map((outcome) => ({
      tool: outcome.tool,
      kind: 'tool-error',
      parameter: null,
      message: `${toolDisplayName(outcome.tool)} failed: ${outcome.error ?? 'unknown error'}`,
    }));
}

/**
 * The `tool-error` insight for a reference no registered tool answers to (see
 * `ToolRegistry.resolve`): the guideline expected a tool that cannot run, so the reply must not
 * pretend it did.
 */
export function unknownToolInsight(ref: string): ToolInsight {
  return {
    tool: ref as ToolRef,
    kind: 'tool-error',
    parameter: null,
    message: `${toolDisplayName(ref)} is not a registered tool, so it could not run`,
  };
}

/**
 * The `needs-confirmation` insight for a consequential call the customer has not confirmed:
 * it did not run, and the reply asks the customer to confirm exactly these arguments.
 */
export function confirmationInsight(ref: string, args: Record<string, unknown>): ToolInsight {
  return {
    tool: ref as ToolRef,
    kind: 'needs-confirmation',
    parameter: null,
    message: `${toolDisplayName(ref)} has not run: it needs the customer's explicit confirmation first. Ask them to confirm exactly this: ${JSON.stringify(args)}`,
  };
}
