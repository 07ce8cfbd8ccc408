import { agentTag } from '../domain/built-in-tags.js';
import { toolDisplayName } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import type { ToolCallOutcome } from '../tools/run-tool-calls.js';
import { contentId } from '../util/content-id.js';
import type { MatchedGuideline } from './composer.js';

/**
 * Guidelines that tool results hand to this reply only (`ToolResult.guidelines`): "the order
 * is delayed — apologize and offer a voucher". They are not stored; they join the reply's
 * guidelines with the tool named as the reason.
 */
export function transientGuidelines(
  outcomes: readonly ToolCallOutcome[],
  agentId: string,
): MatchedGuideline[] {
  return outcomes.flatMap((outcome) =>
    (outcome.result?.guidelines ?? []).map((transient) => {
      const condition =
        transient.condition ?? `the result of ${toolDisplayName(outcome.tool)} calls for it`;
      const guideline: Guideline = {
        id: `transient-${contentId(outcome.tool, condition, transient.action)}`,
        condition,
        action: transient.action,
        title: null,
        description: transient.description ?? null,
        criticality: 'medium',
        enabled: true,
        priority: 0,
        track: false,
        tags: [agentTag(agentId)],
        labels: [],
        metadata: { transient: true, tool: outcome.tool },
        compositionMode: null,
        tools: [],
        classification: null,
        createdAt: new Date().toISOString(),
      };
      return { guideline, rationale: `returned by ${toolDisplayName(outcome.tool)}` };
    }),
  );
}
