import { type JourneyCandidate, synthetic, type TriggerForm } from './journey-candidates.js';
import type { JourneyEntry } from './journey-entry.js';
import { describeState } from './journey-graph.js';
import type { MoveRequirement, PreparedMove } from './prepared-transitions.js';

const FIRST_MOVE_PREFIX = 'journey-first-move:';
/** Most first moves offered per journey, so batches stay small. */
const MAX_FIRST_MOVES = 4;

/**
 * The moves from an inactive journey's initial chat step as synthetic matching candidates, in
 * the form its trigger rides: the same wave that decides the trigger decides whether the
 * customer's message already did the first step, so a journey that starts this turn moves on
 * at once (no step call of its own, nothing sequential). Empty when the initial state is not a
 * chat step.
 */
export function firstMoveCandidates(entry: JourneyEntry, form: TriggerForm): JourneyCandidate[] {
  const { journey, graph } = entry;
  const initial = graph.state(journey.initialStateId);
  if (initial?.type !== 'chat') return [];
  const describe = (requirement: MoveRequirement) =>
    requirement.kind === 'condition'
      ? requirement.text
      : `the customer has already given what "${stepText(entry, requirement.stateId)}" asks for`;
  return entry.prepared
    .movesFrom(initial.id)
    .slice(0, MAX_FIRST_MOVES)
    .map((move, index) => {
      const target = move.to === null ? 'the end' : stepText(entry, move.to);
      const conditions = [
        `the customer's messages already give what the first step of the "${journey.title}" flow asks for ("${initial.instruction}")`,
        ...move.requires.map(describe),
      ];
      const guideline = synthetic(`${FIRST_MOVE_PREFIX}${journey.id}:${index}`, journey, {
        condition: allOf(conditions),
        action: form === 'actionable' ? `move the "${journey.title}" flow on to "${target}"` : null,
        tools: [],
        metadata: { journeyFirstMove: { journeyId: journey.id, move: index } },
      });
      return { kind: 'first-move' as const, guideline, journeyId: journey.id, move: index };
    });
}

/** Of the first moves whose condition holds, the one that goes furthest (most requirements). */
export function furthestMove(
  entry: JourneyEntry,
  held: readonly number[],
): { move: PreparedMove; index: number } | undefined {
  const moves = entry.prepared.movesFrom(entry.journey.initialStateId);
  let best: { move: PreparedMove; index: number } | undefined;
  for (const index of held) {
    const move = moves[index];
    if (
      move !== undefined &&
      (best === undefined || move.requires.length > best.move.requires.length)
    )
      best = { move, index };
  }
  return best;
}

// Lettered parts, so a judge told that every part must hold cannot read only the first one.
function allOf(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0] ?? '';
  const lettered = parts.map((part, index) => `(${String.fromCharCode(97 + index)}) ${part}`);
  return `${parts.length === 2 ? 'both' : 'all'} hold: ${lettered.join('; ')}`;
}

function stepText(entry: JourneyEntry, stateId: string): string {
  const state = entry.graph.state(stateId);
  return state === undefined ? stateId : describeState(state);
}
