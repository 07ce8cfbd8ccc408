import { type ToolRef, toolDisplayName, toolDisplayNames } from '../domain/common.js';
import type { ToolInsight } from '../domain/turn-record.js';
import { UnknownToolError } from '../errors/errors.js';
import type { Tool } from '../tools/define-tool.js';
import { runToolCalls, type ToolCall, type ToolCallOutcome } from '../tools/run-tool-calls.js';
import {
  confirmationInsight,
  toolErrorInsights,
  unknownToolInsight,
} from '../tools/tool-insights.js';
import { validateToolCall } from '../tools/validate-call.js';
import { toToolCallData, toTurnToolCall } from '../tools/wire.js';
import { errorMessage } from '../util/error-message.js';
import { ConfirmedCalls, callKey, callsSinceLatestCustomerMessage } from './consequential-calls.js';
import { type ProposedToolCall, runHooks } from './hooks.js';
import { inferToolCalls } from './tool-inference.js';
import { offeredBy, type ToolOffer, type ToolReasons } from './tool-offer.js';
import type { TurnContext } from './turn-context.js';
import type { TurnRecorder } from './turn-recorder.js';
import type { TurnScope } from './turn-scope.js';

/** What one tool round did. */
export interface ToolRound {
  /** Tools that actually ran. */
  ran: ToolRef[];
  outcomes: ToolCallOutcome[];
  /** `bail` when a `toolsInferred` hook stopped the turn. */
  hook: 'continue' | 'bail';
}

/** What one tool round is about. */
export interface ToolRoundInput {
  /** Why tools are offered: matched guidelines and journeys at a tool state. */
  reasons: ToolReasons;
  /** Tools that already ran this turn (not offered again). */
  alreadyRan: ReadonlySet<ToolRef>;
}

/**
 * One tool round (docs/architecture.md#the-turn, step 6): collects the tools of the matched
 * guidelines and of the journeys' tool states that have not run yet this turn, infers their
 * calls in parallel
 * (recording each decision and its reason), validates them, runs the valid ones in parallel
 * and emits one `tool` event. Missing or invalid arguments, unconfirmed consequential calls
 * (including ones a hook changed or added, and repeats of a call that already ran since the
 * customer's latest message), unknown tools and failing calls become insights for the reply;
 * none of them fails the turn. Right before a consequential tool runs, the turn commits
 * (`start.commit`): from then on it is not re-run.
 */
export async function runToolRound(
  scope: TurnScope,
  input: ToolRoundInput,
): Promise<ToolRound | undefined> {
  const { deps, context, emitter, recorder, start } = scope;
  const candidates = candidateTools(scope, input);
  if (candidates.size === 0) return undefined;
  await emitter.status('processing', { stage: 'Considering tools' });
  const names = toolDisplayNames(candidates.keys());

  const inferences = await Promise.all(
    [...candidates.values()].map(async (offer) => {
      try {
        const inference = await inferToolCalls({
          offer,
          context,
          historyBudgetTokens: deps.toolHistoryBudgetTokens ?? 4_000,
          names,
        });
        return { offer, inference };
      } catch (error) {
        context.signal.throwIfAborted();
        recorder.error('tool-call', error);
        addInsights(context, recorder, [
          {
            tool: offer.tool.ref,
            kind: 'tool-error',
            parameter: null,
            message: `Could not work out how to call ${toolDisplayName(offer.tool.ref)}: ${errorMessage(error)}`,
          },
        ]);
        return { offer, inference: undefined };
      }
    }),
  );
  context.signal.throwIfAborted();
  // Recorded in the order the tools were offered, whichever inference finished first.
  const proposed: ProposedToolCall[] = [];
  const confirmed = new ConfirmedCalls();
  for (const { offer, inference } of inferences) {
    if (inference === undefined) continue;
    recorder.record.toolDecisions.push({
      tool: offer.tool.ref,
      offeredBy: offeredBy(offer),
      decidedBy: inference.decidedBy,
      reason: inference.reason,
      calls: inference.calls.length,
      awaitingConfirmation: inference.unconfirmed.length,
    });
    addInsights(context, recorder, confirmationInsights(offer.tool, inference.unconfirmed));
    if (offer.tool.consequential) {
      for (const call of inference.calls) {
        const validation = validateToolCall(offer.tool, call.arguments);
        if (validation.ok) confirmed.add(offer.tool.ref, validation.args);
      }
    }
    proposed.push(...inference.calls);
  }
  const hook = await runHooks(deps.hooks?.toolsInferred, context, { calls: proposed });
  if (hook === 'bail') return { ran: [], outcomes: [], hook };
  // Validated once, after the hooks (which may remove, replace or repair proposals), so nothing
  // a model or a hook wrote can reach `run` unchecked. A consequential call runs only as the
  // customer confirmed it: a hook that changed or added one turns it into a question.
  const ranSinceCustomer = callsSinceLatestCustomerMessage(context.history);
  const calls: ToolCall[] = [];
  for (const entry of proposed) {
    const tool = candidates.get(entry.tool)?.tool;
    if (tool === undefined) {
      addInsights(context, recorder, [unknownToolInsight(entry.tool)]);
      continue;
    }
    const validation = validateToolCall(tool, entry.arguments);
    if (!validation.ok) {
      addInsights(context, recorder, validation.insights);
      continue;
    }
    if (tool.consequential) {
      const alreadyRan = ranSinceCustomer.has(callKey(tool.ref, validation.args));
      if (!confirmed.take(tool.ref, validation.args) || alreadyRan) {
        addInsights(context, recorder, [
          confirmationInsight(tool, validation.args, { alreadyRan }),
        ]);
        continue;
      }
    }
    calls.push({ tool, args: validation.args });
  }
  if (calls.length === 0) return { ran: [], outcomes: [], hook };
  if (calls.some((call) => call.tool.consequential)) {
    // A consequential tool changes the world: once it starts, the turn must not be cancelled
    // and re-run (that would run it twice).
    context.signal.throwIfAborted();
    start.commit();
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

function candidateTools(scope: TurnScope, input: ToolRoundInput): Map<ToolRef, ToolOffer> {
  const { deps, context, recorder } = scope;
  const { reasons, alreadyRan } = input;
  const candidates = new Map<ToolRef, ToolOffer>();
  const offer = (refs: readonly ToolRef[], owner: string, add: (entry: ToolOffer) => void) => {
    const { tools, unknown } = deps.tools.resolve(refs.filter((ref) => !alreadyRan.has(ref)));
    for (const ref of unknown) {
      recorder.note(`${owner} names tool ${ref}, which is not registered`);
      addInsights(context, recorder, [unknownToolInsight(ref)]);
      // Not only in the record: whoever runs the engine must see it (the console, a logger).
      (deps.onError ?? console.error)(new UnknownToolError({ tool: ref, owner }), {
        sessionId: context.session.id,
      });
    }
    for (const tool of tools) {
      const entry = candidates.get(tool.ref) ?? { tool, guidelines: [], journeySteps: [] };
      add(entry);
      candidates.set(tool.ref, entry);
    }
  };
  for (const guideline of reasons.guidelines) {
    offer(guideline.tools, `Guideline '${guideline.id}'`, (entry) =>
      entry.guidelines.push(guideline),
    );
  }
  for (const step of reasons.journeySteps) {
    offer(step.state.tools, `Journey '${step.journey.id}' state '${step.state.id}'`, (entry) =>
      entry.journeySteps.push(step),
    );
  }
  return candidates;
}

/**
 * Unconfirmed consequential calls, for the reply: a call whose arguments are not complete yet
 * asks for those first; a complete one asks the customer to confirm exactly these arguments.
 */
function confirmationInsights(tool: Tool, unconfirmed: readonly ProposedToolCall[]): ToolInsight[] {
  return unconfirmed.flatMap((call) => {
    const validation = validateToolCall(tool, call.arguments);
    return validation.ok ? [confirmationInsight(tool, validation.args)] : validation.insights;
  });
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
