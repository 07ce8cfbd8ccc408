import type {
  AppliedGuideline,
  JourneyPosition,
  SessionEngineState,
} from '../domain/session-state.js';
import type { TurnRecord } from '../domain/turn-record.js';
import { parseJourneyStateRef } from '../journeys/journey-scope.js';

/** What {@link trimSessionState} needs to know about a session's turns. */
export type TrimTurn = Pick<TurnRecord, 'traceId' | 'status' | 'matched'> &
  Partial<Pick<TurnRecord, 'journeys'>>;

/** Input of {@link trimSessionState}. */
export interface SessionStateTrimInput {
  /** The session's engine state as stored now. */
  state: SessionEngineState;
  /** The session's current agent (a deleted transfer moves it back). */
  agentId: string;
  /** Traces whose events were deleted; they are the newest turns of the session. */
  deletedTraceIds: Iterable<string>;
  /** The session's turn records, oldest first (as `store.turns.list` returns them). */
  turns: readonly TrimTurn[];
  /** ISO timestamp stamped on journey positions that move back. */
  now: string;
}

/** What {@link trimSessionState} decided. */
export interface SessionStateTrim {
  state: SessionEngineState;
  /** The agent the session belongs to after undoing deleted transfers. */
  agentId: string;
  /** Whether anything changed (nothing to save otherwise). */
  changed: boolean;
}

/**
 * Forgets what the engine remembered from turns whose events were deleted, so the session goes
 * on as if they had never run (reference: "the agent state is trimmed"):
 *
 * - `recentlyMatched` loses one entry per deleted completed turn (entries are newest first);
 * - an applied guideline last applied in a deleted turn is dropped if that was its only
 *   application, else kept with one application fewer (the earlier one still stands);
 * - a journey moved in a deleted turn goes back to where the newest surviving turn left it
 *   (the path cut after that state; completed or left if that turn ended it), or is forgotten
 *   if no surviving turn had it active;
 * - transfers made in deleted turns are dropped, and the session returns to the agent it had
 *   before the first of them.
 *
 * Pure: no store access, no clock.
 */
export function trimSessionState(input: SessionStateTrimInput): SessionStateTrim {
  const deleted = new Set(input.deletedTraceIds);
  const { state } = input;
  if (deleted.size === 0) return { state, agentId: input.agentId, changed: false };
  const surviving = input.turns.filter((turn) => !deleted.has(turn.traceId));
  const deletedCompleted = input.turns.filter(
    (turn) => deleted.has(turn.traceId) && turn.status === 'completed',
  ).length;

  const recentlyMatched = state.recentlyMatched.slice(
    Math.min(deletedCompleted, state.recentlyMatched.length),
  );
  const appliedGuidelines = state.appliedGuidelines.flatMap((entry) =>
    trimApplied(entry, deleted, surviving),
  );
  const journeys: Record<string, JourneyPosition> = {};
  for (const [journeyId, position] of Object.entries(state.journeys)) {
    const kept = trimPosition(position, deleted, surviving, input.now);
    if (kept !== undefined) journeys[journeyId] = kept;
  }
  const undone = state.transfers.filter(
    (transfer) => transfer.traceId !== null && deleted.has(transfer.traceId),
  );
  const transfers = state.transfers.filter((transfer) => !undone.includes(transfer));
  const agentId = undone[0]?.fromAgentId ?? input.agentId;

  const next: SessionEngineState = { appliedGuidelines, journeys, transfers, recentlyMatched };
  const changed =
    agentId !== input.agentId ||
    recentlyMatched.length !== state.recentlyMatched.length ||
    transfers.length !== state.transfers.length ||
    JSON.stringify(appliedGuidelines) !== JSON.stringify(state.appliedGuidelines) ||
    JSON.stringify(journeys) !== JSON.stringify(state.journeys);
  return changed ? { state: next, agentId, changed } : { state, agentId, changed };
}

function trimApplied(
  entry: AppliedGuideline,
  deleted: ReadonlySet<string>,
  surviving: readonly TrimTurn[],
): AppliedGuideline[] {
  if (!deleted.has(entry.traceId)) return [entry];
  if (entry.count <= 1) return [];
  // The newest surviving turn that matched it is the best-known trace of the earlier application.
  const earlier = surviving.findLast((turn) => turn.matched.guidelines.includes(entry.guidelineId));
  return [{ ...entry, count: entry.count - 1, ...(earlier ? { traceId: earlier.traceId } : {}) }];
}

function trimPosition(
  position: JourneyPosition,
  deleted: ReadonlySet<string>,
  surviving: readonly TrimTurn[],
  now: string,
): JourneyPosition | undefined {
  if (position.traceId === null || !deleted.has(position.traceId)) return position;
  for (let index = surviving.length - 1; index >= 0; index -= 1) {
    const turn = surviving[index] as TrimTurn;
    const after = journeyAfter(turn, position.journeyId);
    if (after === undefined) continue;
    const base = { ...position, updatedAt: now, traceId: turn.traceId };
    if (after.stateId === null) return { ...base, stateId: null, outcome: after.outcome };
    const at = position.path.lastIndexOf(after.stateId);
    return {
      ...base,
      stateId: after.stateId,
      path: at < 0 ? [...position.path, after.stateId] : position.path.slice(0, at + 1),
      outcome: 'active',
    };
  }
  return undefined;
}

/**
 * Where a turn left a journey: its last decision about it (`to` is `null` once completed or
 * left). Records without decisions fall back to the `<journeyId>:<stateId>` list of `matched`,
 * which names the journeys the turn ended active in.
 */
function journeyAfter(
  turn: TrimTurn,
  journeyId: string,
): { stateId: string | null; outcome: 'completed' | 'left' } | undefined {
  const decision = turn.journeys?.findLast((entry) => entry.journeyId === journeyId);
  if (decision !== undefined) {
    return { stateId: decision.to, outcome: decision.action === 'left' ? 'left' : 'completed' };
  }
  for (const ref of turn.matched.journeyStates) {
    const state = parseJourneyStateRef(ref);
    if (state?.journeyId === journeyId) return { stateId: state.stateId, outcome: 'completed' };
  }
  return undefined;
}
