import { type ToolRef, toolDisplayName } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import type { ToolInsight } from '../domain/turn-record.js';
import { UnknownToolError } from '../errors/errors.js';
import type { Tool } from '../tools/define-tool.js';
import { runToolCalls, type ToolCall, type ToolCallOutcome } from '../tools/run-tool-calls.js';
import { toolErrorInsights, unknownToolInsight } from '../tools/tool-insights.js';
import { validateToolCall } from '../tools/validate-call.js';
import { toToolCallData, toTurnToolCall } from '../tools/wire.js';
import type { EngineDependencies } from './engine-options.js';
import { runHooks } from './hooks.js';
import { inferToolCalls } from './tool-inference.js';
import type { TurnContext } from './turn-context.js';
import type { TurnEmitter } from './turn-emitter.js';
import { errorMessage, type TurnRecorder } from './turn-recorder.js';

/** What one tool round did. */
export interface ToolRound {
  /** Tools that actually ran. */
  ran: ToolRef[];
  outcomes: ToolCallOutcome[];
  /** `bail` when a `toolsInferred` hook stopped the turn. */
  hook: 'continue' | 'bail';
}

/**
 * One tool round (DESIGN §4 step 6): collects the tools of the matched guidelines that have not
 * run yet this turn, infers their calls in parallel, validates them, runs the valid ones in
 * parallel and emits one `tool` event. Missing or invalid arguments, unknown tools and failing
 * calls become insights for the reply; none of them fails the turn.
 */
export async function runToolRound(
  deps: EngineDependencies,
  context: TurnContext,
  matched: readonly Guideline[],
  alreadyRan: ReadonlySet<ToolRef>,
  emitter: TurnEmitter,
  recorder: TurnRecorder,
  commit: () => void,
): Promise<ToolRound | undefined> {
  const candidates = candidateTools(deps, context, matched, alreadyRan, recorder);
  if (candidates.size === 0) return undefined;
  await emitter.status('processing', { stage: 'Considering tools' });

  const inferences = await Promise.all(
    [...candidates.values()].map(async ({ tool, reasons }) => {
      try {
        return await inferToolCalls(tool, reasons, context, {
          historyBudgetTokens: deps.toolHistoryBudgetTokens ?? 4_000,
        });
      } catch (error) {
        context.signal.throwIfAborted();
        recorder.error('tool-call', error);
        addInsights(context, recorder, [
          {
            tool: tool.ref,
            kind: 'tool-error',
            parameter: null,
            message: `Could not work out how to call ${toolDisplayName(tool.ref)}: ${errorMessage(error)}`,
          },
        ]);
        return [];
      }
    }),
  );
  context.signal.throwIfAborted();
  const proposed = inferences.flat();
  const hook = await runHooks(deps.hooks?.toolsInferred, context, { calls: proposed });
  if (hook === 'bail') return { ran: [], outcomes: [], hook };
  // Validated once, after the hooks (which may remove, replace or repair proposals), so nothing
  // a model or a hook wrote can reach `run` unchecked.
  const calls: ToolCall[] = [];
  for (const entry of proposed) {
    const tool = candidates.get(entry.tool)?.tool;
    if (tool === undefined) {
      addInsights(context, recorder, [unknownToolInsight(entry.tool)]);
      continue;
    }
    const validation = validateToolCall(tool, entry.arguments);
    if (validation.ok) calls.push({ tool, args: validation.args });
    else addInsights(context, recorder, validation.insights);
  }
  if (calls.length === 0) return { ran: [], outcomes: [], hook };
  if (calls.some((call) => call.tool.consequential)) {
    // A consequential tool changes the world: once it starts, the turn must not be cancelled
    // and re-run (that would run it twice).
    context.signal.throwIfAborted();
    commit();
  }

  const outcomes = await runToolCalls(calls, {
    context: {
      agentId: context.agent.id,
      sessionId: context.session.id,
      customerId: context.customer.id,
      traceId: context.traceId,
    },
    signal: context.signal,
    ...(deps.toolTimeoutMs === undefined ? {} : { timeoutMs: deps.toolTimeoutMs }),
  });
  await emitter.tools(outcomes.map(toToolCallData));
  recorder.record.toolCalls.push(...outcomes.map(toTurnToolCall));
  addInsights(context, recorder, toolErrorInsights(outcomes));
  context.toolOutcomes.push(
    ...outcomes.map((outcome) => ({
      tool: outcome.tool,
      arguments: outcome.args,
      status: outcome.status,
      data: outcome.result?.data,
      error: outcome.error,
      cannedResponseFields: outcome.result?.cannedResponseFields,
      cannedResponses: outcome.result?.cannedResponses,
    })),
  );
  return { ran: [...new Set(outcomes.map((outcome) => outcome.tool))], outcomes, hook };
}

function candidateTools(
  deps: EngineDependencies,
  context: TurnContext,
  matched: readonly Guideline[],
  alreadyRan: ReadonlySet<ToolRef>,
  recorder: TurnRecorder,
): Map<ToolRef, { tool: Tool; reasons: Guideline[] }> {
  const candidates = new Map<ToolRef, { tool: Tool; reasons: Guideline[] }>();
  for (const guideline of matched) {
    const { tools, unknown } = deps.tools.resolve(
      guideline.tools.filter((ref) => !alreadyRan.has(ref)),
    );
    for (const ref of unknown) {
      recorder.note(`Guideline ${guideline.id} names tool ${ref}, which is not registered`);
      addInsights(context, recorder, [unknownToolInsight(ref)]);
      // Not only in the record: whoever runs the engine must see it (the console, a logger).
      (deps.onError ?? console.error)(
        new UnknownToolError({ tool: ref, guidelineId: guideline.id }),
        {
          sessionId: context.session.id,
        },
      );
    }
    for (const tool of tools) {
      const entry = candidates.get(tool.ref) ?? { tool, reasons: [] };
      entry.reasons.push(guideline);
      candidates.set(tool.ref, entry);
    }
  }
  return candidates;
}

function addInsights(context: TurnContext, recorder: TurnRecorder, insights: ToolInsight[]): void {
  const fresh = insights.filter(
    (insight) =>
      !context.insights.some(
        (known) => known.tool === insight.tool && known.message === insight.message,
      ),
  );
  context.insights.push(...fresh);
  recorder.insights(fresh);
}
