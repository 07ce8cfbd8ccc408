import type { Guideline } from '../domain/guideline.js';
import type { JourneyPosition, SessionEngineState } from '../domain/session-state.js';
import type { StoreTransaction } from '../store/unit-of-work.js';
import type { ToolCallOutcome } from '../tools/run-tool-calls.js';
import { nowIso } from '../util/time.js';
import { assumeAppliedAnalyzer, type ResponseAnalysisResult } from './response-analysis.js';
import type { TurnScope } from './turn-scope.js';

/** What {@link saveTurnState} writes, and where. */
export interface TurnStateUpdate {
  /** The transaction that commits the turn. */
  store: StoreTransaction;
  matchedIds: readonly string[];
  outcomes: readonly ToolCallOutcome[];
  /** Journey positions this turn changed (by stable state id), merged over the stored ones. */
  journeys: Readonly<Record<string, JourneyPosition>>;
}

/**
 * Saves what the session must remember after a turn: the guidelines it matched (newest turn
 * first, bounded), the journey positions it moved, and what its tools asked for — `mode: manual`
 * hands the session to a human, `transfer` moves it to another agent, visibly, with the reason
 * recorded.
 */
export async function saveTurnState(
  scope: Pick<TurnScope, 'deps' | 'context' | 'recorder'>,
  update: TurnStateUpdate,
): Promise<void> {
  const { context, recorder } = scope;
  const { store, matchedIds, outcomes, journeys } = update;
  const session = await store.sessions.get(context.session.id);
  const remembered = scope.deps.recentTurnsRemembered ?? 3;
  const state: SessionEngineState = {
    ...session.state,
    journeys: { ...session.state.journeys, ...journeys },
    recentlyMatched: [[...matchedIds], ...session.state.recentlyMatched].slice(0, remembered),
  };
  const controls = outcomes.flatMap((outcome) => (outcome.result ? [outcome.result.control] : []));
  const handOff = controls.some((control) => control.mode === 'manual');
  const transfer = controls.findLast((control) => control.transfer !== undefined)?.transfer;
  let agentId = session.agentId;
  if (transfer !== undefined && transfer.agentId !== session.agentId) {
    if ((await store.agents.find(transfer.agentId)) === undefined) {
      recorder.note(
        `A tool asked to transfer the session to unknown agent ${transfer.agentId}; ignored`,
      );
    } else {
      agentId = transfer.agentId;
      state.transfers = [
        ...state.transfers,
        {
          fromAgentId: session.agentId,
          toAgentId: transfer.agentId,
          reason: transfer.reason ?? null,
          traceId: context.traceId,
          at: nowIso(),
        },
      ];
      recorder.note(`Session transferred from agent ${session.agentId} to ${transfer.agentId}`);
    }
  }
  if (handOff) recorder.note('A tool handed the session to a human (mode: manual)');
  await store.sessions.update(session.id, {
    state,
    agentId,
    ...(handOff ? { mode: 'manual' as const } : {}),
  });
}

/**
 * Saves only journey positions, merged over the stored ones: what a turn that failed or was
 * cancelled must still remember once a journey tool state ran (its tool events are already in
 * the history, so going back would run the tools again).
 */
export async function saveJourneyPositions(
  store: StoreTransaction,
  sessionId: string,
  journeys: Readonly<Record<string, JourneyPosition>>,
): Promise<void> {
  if (Object.keys(journeys).length === 0) return;
  const session = await store.sessions.get(sessionId);
  await store.sessions.update(sessionId, {
    state: { ...session.state, journeys: { ...session.state.journeys, ...journeys } },
  });
}

/**
 * Off the critical path: asks the response analyzer which tracked guidelines the reply applied
 * and records them in the session, so the next turn treats them as already applied. A guideline
 * whose consequential tool is still waiting for the customer's confirmation is never asked about.
 * Returns the guidelines the analysis gave no usable verdict for, for the decision record.
 */
export async function analyzeReply(
  scope: Pick<TurnScope, 'deps' | 'context'>,
  sent: { matched: readonly Guideline[]; reply: string },
): Promise<NonNullable<ResponseAnalysisResult['unevaluated']>> {
  const { deps, context } = scope;
  const { matched, reply } = sent;
  // A guideline whose consequential tool waits for the customer's confirmation is not carried
  // out yet: left unapplied, it is matched afresh when the customer confirms, and offers the
  // tool again.
  const awaiting = new Set(
    context.insights
      .filter((insight) => insight.kind === 'needs-confirmation')
      .map((insight) => insight.tool),
  );
  const tracked = matched.filter(
    (guideline) =>
      guideline.track &&
      guideline.action !== null &&
      !guideline.tools.some((ref) => awaiting.has(ref)),
  );
  if (tracked.length === 0 || reply.trim() === '') return [];
  const analyzer = deps.responseAnalyzer ?? assumeAppliedAnalyzer;
  const result = await analyzer.analyze({ context, reply, guidelines: tracked });
  const unevaluated = result.unevaluated ?? [];
  const applied = new Set(
    result.appliedGuidelineIds.filter((id) => tracked.some((g) => g.id === id)),
  );
  if (applied.size === 0) return unevaluated;
  const session = await deps.store.sessions.get(context.session.id);
  const now = nowIso();
  const appliedGuidelines = session.state.appliedGuidelines.map((entry) =>
    applied.has(entry.guidelineId)
      ? { ...entry, traceId: context.traceId, appliedAt: now, count: entry.count + 1 }
      : entry,
  );
  for (const id of applied) {
    if (!appliedGuidelines.some((entry) => entry.guidelineId === id)) {
      appliedGuidelines.push({
        guidelineId: id,
        traceId: context.traceId,
        appliedAt: now,
        count: 1,
      });
    }
  }
  await deps.store.sessions.update(session.id, { state: { ...session.state, appliedGuidelines } });
  return unevaluated;
}
