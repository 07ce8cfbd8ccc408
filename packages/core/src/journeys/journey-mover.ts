import type { JourneyDecision } from '../domain/turn-record.js';
import type { TurnRecorder } from '../engine/turn-recorder.js';
import { nowIso } from '../util/time.js';
import type { JourneyEntry } from './journey-entry.js';
import { furthestMove } from './journey-first-moves.js';
import {
  afterChildChanged,
  atResume,
  exitAfterChild,
  type NestedMove,
  onLanding,
} from './journey-nesting.js';
import {
  advancePosition,
  leavePosition,
  type PositionStamp,
  startPosition,
} from './journey-position.js';

/** A first move whose condition held in the matching wave (see `journey-first-moves.ts`). */
export interface HeldFirstMove {
  /** Index of the move from the journey's initial state. */
  move: number;
  decidedBy: string;
  why: string | null;
}

/**
 * The turn's journeys and every move the engine makes on them without a model: starting one
 * (and taking its first move when the customer's message already did it), what landing on a
 * state implies (a fork waits for a step, a `journey` state starts the nested journey), and
 * the rules of nested journeys ({@link NestedMove}). Every move lands in the decision record.
 * Moves decided by the journey stepper are applied by `runJourneySteps`.
 */
export class JourneyMover {
  /** Journeys waiting for a step this turn (at a fork, or a nested journey finished). */
  readonly #awaitingStep = new Set<JourneyEntry>();
  /** First moves whose condition held in the wave, by journey: applied when it starts. */
  readonly #firstMoves = new Map<string, HeldFirstMove[]>();

  constructor(
    readonly entries: ReadonlyMap<string, JourneyEntry>,
    readonly recorder: TurnRecorder,
    readonly traceId: string,
  ) {}

  stamp(): PositionStamp {
    return { traceId: this.traceId, now: nowIso() };
  }

  record(decision: JourneyDecision): void {
    this.recorder.record.journeys.push(decision);
  }

  /** Whether a journey waits for a step this turn. */
  awaitsStep(entry: JourneyEntry): boolean {
    return this.#awaitingStep.has(entry);
  }

  /** A step is about to decide for the journey: it no longer waits for one. */
  stepTaken(entry: JourneyEntry): void {
    this.#awaitingStep.delete(entry);
  }

  /** Whether a journey that is not held still waits for a step. */
  stepsPending(): boolean {
    return [...this.#awaitingStep].some((entry) => !entry.held);
  }

  /** Holds the first moves that held in this wave until their journeys start ({@link start}). */
  holdFirstMove(journeyId: string, held: HeldFirstMove): void {
    const moves = this.#firstMoves.get(journeyId) ?? [];
    moves.push(held);
    this.#firstMoves.set(journeyId, moves);
  }

  /** Drops the first moves of journeys that did not start in this wave. */
  dropFirstMoves(): void {
    this.#firstMoves.clear();
  }

  /** Starts (or restarts) a journey that is not active at its initial state. */
  start(entry: JourneyEntry, decidedBy: string, reason: string): void {
    if (entry.active) return;
    const restarted = entry.position !== undefined;
    this.record(
      entry.start(startPosition(entry.journey, this.stamp()), {
        action: restarted ? 'restarted' : 'activated',
        via: [],
        decidedBy,
        reason,
      }),
    );
    this.landed(entry);
    this.#takeFirstMove(entry);
  }

  /**
   * What landing on a state implies without a model: a fork waits for a step, a nested-journey
   * state starts that journey.
   */
  landed(entry: JourneyEntry): void {
    if (entry.state?.type === 'fork') this.#awaitingStep.add(entry);
    this.#nested(entry, onLanding(entry, this.entries));
  }

  /** At the start of a turn: parents waiting on a child that is no longer running catch up. */
  resumeNesting(): void {
    for (const parent of this.entries.values())
      this.#nested(parent, atResume(parent, this.entries));
  }

  /** Moves parents whose child completed or was left this turn, until nothing changes. */
  settleNesting(): void {
    for (let round = 0; round <= this.entries.size; round++) {
      let changed = false;
      for (const parent of this.entries.values()) {
        if (parent.held || this.#awaitingStep.has(parent)) continue;
        const move = afterChildChanged(parent, this.entries);
        if (move === undefined) continue;
        this.#nested(parent, move);
        changed = true;
      }
      if (!changed) return;
    }
  }

  #nested(parent: JourneyEntry, move: NestedMove | undefined): void {
    if (move === undefined) return;
    if (move.kind === 'start-child') {
      this.start(move.child, 'engine', move.reason);
    } else if (move.kind === 'skip-child') {
      this.recorder.note(move.note);
      this.#afterChild(parent, 'its nested journey was skipped');
    } else if (move.kind === 'after-child') {
      this.#afterChild(parent, move.reason);
    } else {
      this.record(
        parent.move(leavePosition(parent.position!, this.stamp()), {
          action: 'left',
          via: [],
          decidedBy: 'engine',
          reason: `nested journey ${move.child.journey.id} was left`,
        }),
      );
    }
  }

  #afterChild(parent: JourneyEntry, reason: string): void {
    const exit = exitAfterChild(parent);
    if (exit === undefined) {
      this.#awaitingStep.add(parent);
      return;
    }
    const next = advancePosition(parent.position!, exit, parent.journey, this.stamp());
    this.record(
      parent.move(next, {
        action: next.outcome === 'completed' ? 'completed' : 'auto-advanced',
        via: [],
        decidedBy: 'engine',
        reason,
      }),
    );
    this.landed(parent);
  }

  /**
   * Moves a journey that just started on past its first step when the same wave found the
   * customer's message already did it (see `journey-first-moves.ts`).
   */
  #takeFirstMove(entry: JourneyEntry): void {
    const held = this.#firstMoves.get(entry.journey.id);
    this.#firstMoves.delete(entry.journey.id);
    const position = entry.position;
    if (held === undefined || position === undefined) return;
    if (entry.state?.id !== entry.journey.initialStateId) return;
    const best = furthestMove(
      entry,
      held.map((h) => h.move),
    );
    const verdict = held.find((h) => h.move === best?.index);
    if (best === undefined || verdict === undefined) return;
    const next = advancePosition(position, best.move, entry.journey, this.stamp());
    this.record(
      entry.move(next, {
        action: next.outcome === 'completed' ? 'completed' : 'advanced',
        via: [...best.move.via],
        decidedBy: verdict.decidedBy,
        reason: `the customer's message already did the first step: ${verdict.why ?? 'matched'}`,
      }),
    );
    if (next.outcome !== 'completed') this.landed(entry);
  }
}
