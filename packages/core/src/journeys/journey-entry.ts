import type { Journey, JourneyState } from '../domain/journey.js';
import type { JourneyPosition } from '../domain/session-state.js';
import type { JourneyDecision } from '../domain/turn-record.js';
import { JourneyGraph } from './journey-graph.js';
import { type PreparedJourney, prepareJourney } from './prepared-transitions.js';

/**
 * What the turn has done with one journey so far: one status per journey per turn, replaced
 * only by the transitions of {@link JourneyEntry}. `completed` says whether a move of this turn
 * completed the journey (it stays true whatever comes after, e.g. a restart).
 */
export type JourneyTurnStatus =
  /** Where the session left it: nothing to save. */
  | { readonly kind: 'unchanged' }
  /** Its position changed this turn (a move, or an edit of the journey reconciled): saved. */
  | { readonly kind: 'moved'; readonly completed: boolean }
  /** Started (or restarted) this turn; `before` is the position to restore if that is undone. */
  | {
      readonly kind: 'started';
      readonly completed: boolean;
      readonly before: JourneyPosition | undefined;
    }
  /**
   * Dropped by a relationship: its state does not guide this reply; its position is kept (and
   * saved when it `moved` before it was held).
   */
  | { readonly kind: 'held'; readonly moved: boolean; readonly completed: boolean };

/** One journey as a turn tracks it: where it is, and its {@link JourneyTurnStatus}. */
export class JourneyEntry {
  readonly graph: JourneyGraph;
  readonly prepared: PreparedJourney;
  #position: JourneyPosition | undefined;
  #status: JourneyTurnStatus = { kind: 'unchanged' };

  constructor(
    readonly journey: Journey,
    /** The position the session stored, if any. */
    stored: JourneyPosition | undefined,
  ) {
    this.graph = new JourneyGraph(journey);
    this.prepared = prepareJourney(journey);
    this.#position = stored;
  }

  get position(): JourneyPosition | undefined {
    return this.#position;
  }

  get status(): JourneyTurnStatus {
    return this.#status;
  }

  /** The current state while the journey is active. */
  get state(): JourneyState | undefined {
    const position = this.#position;
    if (position?.outcome !== 'active' || position.stateId === null) return undefined;
    return this.graph.state(position.stateId);
  }

  get active(): boolean {
    return this.state !== undefined;
  }

  /** Its position changed this turn: saved when the turn ends. */
  get changed(): boolean {
    const status = this.#status;
    return status.kind === 'held' ? status.moved : status.kind !== 'unchanged';
  }

  /** Started (or restarted) this turn, and not undone. */
  get startedNow(): boolean {
    return this.#status.kind === 'started';
  }

  /** A move of this turn completed it. */
  get completedNow(): boolean {
    const status = this.#status;
    return status.kind !== 'unchanged' && status.completed;
  }

  /** Dropped by relationships this turn: its state does not guide this reply. */
  get held(): boolean {
    return this.#status.kind === 'held';
  }

  /** Chat steps visited before the current one, oldest first, each once (backtrack targets). */
  visited(): JourneyState[] {
    const path = this.#position?.path ?? [];
    const before = path.slice(0, -1);
    const current = this.#position?.stateId;
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
    const position = this.#position;
    const from = position?.outcome === 'active' ? (position.stateId ?? null) : null;
    this.#position = next;
    const completed = this.completedNow || next.outcome === 'completed';
    const status = this.#status;
    if (status.kind === 'started') this.#status = { ...status, completed };
    else if (status.kind === 'held') this.#status = { ...status, moved: true, completed };
    else this.#status = { kind: 'moved', completed };
    return { journeyId: this.journey.id, from, to: next.stateId, ...decision };
  }

  /** Starts (or restarts) at `initial`; the start can be undone ({@link JourneyEntry.undoStart}). */
  start(
    initial: JourneyPosition,
    decision: Omit<JourneyDecision, 'journeyId' | 'from' | 'to'>,
  ): JourneyDecision {
    this.#status = { kind: 'started', completed: this.completedNow, before: this.#position };
    return this.move(initial, decision);
  }

  /**
   * Undoes this turn's start: back to the position before it (still saved, as any position this
   * turn touched). Deliberately not a `move`, which would count a restored `completed` position
   * as completed again this turn.
   */
  undoStart(): void {
    const status = this.#status;
    if (status.kind !== 'started') return;
    this.#position = status.before;
    this.#status = { kind: 'moved', completed: status.completed };
  }

  /** Holds it for the rest of the turn (a relationship dropped it); its position is kept. */
  hold(): void {
    if (this.#status.kind === 'held' || this.#status.kind === 'started') return;
    this.#status = { kind: 'held', moved: this.changed, completed: this.completedNow };
  }

  /**
   * Adopts the position reconciled with the journey as it is now, without a decision (nothing
   * the customer would notice changed, e.g. a state dropped from the path): saved.
   */
  reconcile(position: JourneyPosition): void {
    this.#position = position;
    this.#status = { kind: 'moved', completed: this.completedNow };
  }
}
