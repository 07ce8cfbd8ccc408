import type { Journey, JourneyState } from '../domain/journey.js';
import type { JourneyPosition } from '../domain/session-state.js';
import type { JourneyDecision } from '../domain/turn-record.js';
import { JourneyGraph } from '../journeys/journey-graph.js';
import { type PreparedJourney, prepareJourney } from '../journeys/prepared-transitions.js';

/** One journey as a turn tracks it. */
export class JourneyEntry {
  readonly graph: JourneyGraph;
  readonly prepared: PreparedJourney;
  /** Changed this turn: saved when the turn ends. */
  changed = false;
  /** Started (or restarted) this turn; `beforeStart` is what to restore if that is undone. */
  startedNow = false;
  beforeStart: JourneyPosition | undefined;
  completedNow = false;
  /** Reached a fork (or a nested journey finished) and needs a step to decide where next. */
  pendingStep = false;
  /** Dropped by relationships this turn: its state does not guide this reply. */
  held = false;

  constructor(
    readonly journey: Journey,
    public position: JourneyPosition | undefined,
  ) {
    this.graph = new JourneyGraph(journey);
    this.prepared = prepareJourney(journey);
  }

  /** The current state while the journey is active. */
  get state(): JourneyState | undefined {
    const { position } = this;
    if (position?.outcome !== 'active' || position.stateId === null) return undefined;
    return this.graph.state(position.stateId);
  }

  get active(): boolean {
    return this.state !== undefined;
  }

  /** Chat steps visited before the current one, oldest first, each once (backtrack targets). */
  visited(): JourneyState[] {
    const path = this.position?.path ?? [];
    const before = path.slice(0, -1);
    const current = this.position?.stateId;
    const ids = before.filter((id, index) => id !== current && before.lastIndexOf(id) === index);
    return ids.flatMap((id) => {
      const state = this.graph.state(id);
      return state?.type === 'chat' ? [state] : [];
    });
  }

  /** Moves to a new position and returns the decision entry describing it. */
  move(
    next: JourneyPosition,
    decision: Omit<JourneyDecision, 'journeyId' | 'from' | 'to'>,
  ): JourneyDecision {
    const from = this.position?.outcome === 'active' ? (this.position.stateId ?? null) : null;
    this.position = next;
    this.changed = true;
    if (next.outcome === 'completed') this.completedNow = true;
    return { journeyId: this.journey.id, from, to: next.stateId, ...decision };
  }
}
