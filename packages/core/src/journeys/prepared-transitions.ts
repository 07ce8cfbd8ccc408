import { contentId } from '../util/content-id.js';
import { JourneyGraph, type JourneyGraphInput } from './journey-graph.js';

/** Something that must hold for a prepared move to apply. */
export type MoveRequirement =
  /** The condition of a transition on the way. */
  | { kind: 'condition'; text: string }
  /** A chat (or nested-journey) step on the way is already done, e.g. answered earlier. */
  | { kind: 'done'; stateId: string };

/**
 * One move a session can make from a state in a single step: possibly several states ahead,
 * through forks and through chat steps the customer has already answered.
 */
export interface PreparedMove {
  /** Where the move ends; `null` when it finishes the journey at a step with no exits. */
  to: string | null;
  /** States passed through on the way, in order (forks, and chat steps treated as done). */
  via: string[];
  /** What must hold, in order (the current step being done is implied). */
  requires: MoveRequirement[];
}

/** A journey's moves from every state, computed once per graph content. */
export interface PreparedJourney {
  /** Content hash of the graph (initial state, states, transitions). */
  readonly hash: string;
  /** The moves from a state, in a stable order; empty for unknown and `end` states. */
  movesFrom(stateId: string): readonly PreparedMove[];
}

/** How many chat steps one move may skip (answers given ahead of time). */
export const MAX_SKIPPED_STEPS = 3;
/** Most moves offered from one state, so step prompts stay small. */
export const MAX_MOVES_PER_STATE = 32;
const CACHE_LIMIT = 500;
const cache = new Map<string, PreparedJourney>();

/** Content hash of a journey's graph: equal graphs share prepared moves. */
export function journeyGraphHash(journey: JourneyGraphInput): string {
  return contentId(
    'journey-graph',
    JSON.stringify([journey.initialStateId, journey.states, journey.transitions]),
  );
}

/**
 * The prepared moves of a journey, from a process-wide cache keyed by the graph's content hash,
 * so editing a journey (new hash) never reuses stale moves and unchanged journeys are prepared
 * once. Moves stop at tool, nested-journey and end states (those must run or finish), pass
 * through forks, and may continue through up to {@link MAX_SKIPPED_STEPS} chat steps; no move
 * visits a state twice.
 */
export function prepareJourney(journey: JourneyGraphInput): PreparedJourney {
  const hash = journeyGraphHash(journey);
  const cached = cache.get(hash);
  if (cached !== undefined) return cached;
  const graph = new JourneyGraph(journey);
  const byState = new Map<string, PreparedMove[]>();
  const prepared: PreparedJourney = {
    hash,
    movesFrom(stateId) {
      let moves = byState.get(stateId);
      if (moves === undefined) {
        moves = computeMoves(graph, stateId);
        byState.set(stateId, moves);
      }
      return moves;
    },
  };
  for (const state of journey.states) prepared.movesFrom(state.id);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(hash, prepared);
  return prepared;
}

function computeMoves(graph: JourneyGraph, origin: string): PreparedMove[] {
  const start = graph.state(origin);
  if (start === undefined || start.type === 'end') return [];
  const moves: PreparedMove[] = [];
  // A step with no exits (a closing chat step, a nested journey) finishes the journey.
  if (graph.exits(origin).length === 0 && start.type !== 'fork') {
    return [{ to: null, via: [], requires: [] }];
  }
  const walk = (
    from: string,
    via: string[],
    requires: PreparedMove['requires'],
    seen: Set<string>,
  ) => {
    for (const exit of graph.exits(from)) {
      if (moves.length >= MAX_MOVES_PER_STATE) return;
      const target = graph.state(exit.to);
      if (target === undefined || seen.has(target.id)) continue;
      const next: PreparedMove['requires'] =
        exit.condition === null
          ? requires
          : [...requires, { kind: 'condition', text: exit.condition }];
      const nextSeen = new Set(seen).add(target.id);
      if (target.type === 'fork') {
        walk(target.id, [...via, target.id], next, nextSeen);
        continue;
      }
      moves.push({ to: target.id, via, requires: next });
      const skipped = via.filter((id) => graph.state(id)?.type === 'chat').length;
      if (target.type !== 'chat' || skipped >= MAX_SKIPPED_STEPS) continue;
      const done: PreparedMove['requires'] = [...next, { kind: 'done', stateId: target.id }];
      if (graph.exits(target.id).length === 0) {
        moves.push({ to: null, via: [...via, target.id], requires: done });
      } else {
        walk(target.id, [...via, target.id], done, nextSeen);
      }
    }
  };
  walk(origin, [], [], new Set([origin]));
  return moves;
}
