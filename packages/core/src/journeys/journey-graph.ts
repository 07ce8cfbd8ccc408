import { toolDisplayName } from '../domain/common.js';
import type { Journey, JourneyState, JourneyTransition } from '../domain/journey.js';

/** What the graph helpers need of a journey. A full {@link Journey} fits. */
export type JourneyGraphInput = Pick<Journey, 'initialStateId' | 'states' | 'transitions'>;

/**
 * Read-only indexes over a journey's graph: states by id, exits by state. Duplicate ids keep
 * their first occurrence (validation reports duplicates).
 */
export class JourneyGraph {
  readonly #states = new Map<string, JourneyState>();
  readonly #exits = new Map<string, JourneyTransition[]>();

  constructor(readonly journey: JourneyGraphInput) {
    for (const state of journey.states) {
      if (!this.#states.has(state.id)) this.#states.set(state.id, state);
    }
    for (const transition of journey.transitions) {
      const list = this.#exits.get(transition.from) ?? [];
      list.push(transition);
      this.#exits.set(transition.from, list);
    }
  }

  /** The state with this id, if any. */
  state(id: string): JourneyState | undefined {
    return this.#states.get(id);
  }

  /** Whether the graph has a state with this id. */
  has(id: string): boolean {
    return this.#states.has(id);
  }

  /** Transitions leaving the state, in definition order. */
  exits(stateId: string): readonly JourneyTransition[] {
    return this.#exits.get(stateId) ?? [];
  }

  /** Ids of the states reachable from the initial state (itself included), breadth first. */
  reachable(): Set<string> {
    const seen = new Set<string>();
    if (!this.has(this.journey.initialStateId)) return seen;
    const queue = [this.journey.initialStateId];
    seen.add(this.journey.initialStateId);
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const { to } of this.exits(current)) {
        if (this.has(to) && !seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    return seen;
  }
}

/** How a state is named in messages and prompts: its id and what it does. */
export function describeState(state: JourneyState): string {
  switch (state.type) {
    case 'chat':
      return state.instruction;
    case 'tool':
      return state.instruction ?? `run ${state.tools.map(toolDisplayName).join(', ')}`;
    case 'fork':
      return state.description ?? 'choose a branch';
    case 'journey':
      return `go through journey ${state.journeyId}`;
    case 'end':
      return 'the journey is complete';
  }
}
