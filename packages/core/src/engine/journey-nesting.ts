import type { JourneyPosition } from '../domain/session-state.js';
import type { JourneyDecision } from '../domain/turn-record.js';
import {
  advancePosition,
  leavePosition,
  type PositionStamp,
} from '../journeys/journey-position.js';
import type { JourneyEntry } from './journey-entry.js';

/** What nested-journey handling needs from the turn that owns the entries. */
export interface NestingHost {
  readonly entries: ReadonlyMap<string, JourneyEntry>;
  record(decision: JourneyDecision): void;
  note(text: string): void;
  /** Starts (or restarts) a journey at its initial state. */
  start(entry: JourneyEntry, decidedBy: string, reason: string): void;
  /** Applies what landing on its current state implies (a fork waits for a step, …). */
  landed(entry: JourneyEntry): void;
  stamp(): PositionStamp;
}

/**
 * The rules of `journey` states (a journey nested in another), applied without a model: the
 * parent starts the child when it lands on the state and waits there (no step of its own);
 * when the child completes, the parent follows its one unconditional exit (or finishes when it
 * has none; conditional exits need a step); when the child is left, the parent is left too.
 */
export class JourneyNesting {
  constructor(readonly host: NestingHost) {}

  /**
   * A parent that lands on a `journey` state starts its child. A child that is missing, or
   * that would wait on this parent again (a nesting cycle), counts as done, with a note.
   */
  landed(parent: JourneyEntry): void {
    const state = parent.state;
    if (state?.type !== 'journey') return;
    const child = this.host.entries.get(state.journeyId);
    if (child === undefined || this.#waitsOn(child, parent)) {
      const why = child === undefined ? 'which is not available' : 'which waits on it in turn';
      this.host.note(
        `Journey ${parent.journey.id} nests journey ${state.journeyId}, ${why}; skipped`,
      );
      this.#afterChild(parent, 'its nested journey was skipped');
      return;
    }
    this.host.start(
      child,
      'engine',
      `nested in journey ${parent.journey.id} at state '${state.id}'`,
    );
  }

  /**
   * At the start of a turn: a parent waiting on a child that is not running (it finished or was
   * left in an earlier turn, or an edit put the `journey` state under the session) catches up.
   */
  resume(): void {
    for (const parent of this.host.entries.values()) {
      const state = parent.state;
      if (state?.type !== 'journey') continue;
      const child = this.host.entries.get(state.journeyId);
      if (child?.active === true) continue;
      const outcome = child?.position?.outcome;
      const since = child?.position?.updatedAt ?? '';
      const parentSince = parent.position?.updatedAt ?? '';
      if (outcome === 'left' && since >= parentSince) this.#leave(parent, child as JourneyEntry);
      else if (outcome === 'completed' && since >= parentSince)
        this.#afterChild(parent, 'its nested journey completed');
      else this.landed(parent);
    }
  }

  /** Moves parents whose child completed or was left this turn, until nothing changes. */
  settle(): void {
    for (let round = 0; round <= this.host.entries.size; round++) {
      let changed = false;
      for (const parent of this.host.entries.values()) {
        const state = parent.state;
        if (state?.type !== 'journey' || parent.held || parent.pendingStep) continue;
        const child = this.host.entries.get(state.journeyId);
        if (child === undefined || !child.changed || child.active) continue;
        if (child.position?.outcome === 'left') {
          this.#leave(parent, child);
          changed = true;
        } else if (child.completedNow) {
          this.#afterChild(parent, 'its nested journey completed');
          changed = true;
        }
      }
      if (!changed) return;
    }
  }

  #leave(parent: JourneyEntry, child: JourneyEntry): void {
    const position = parent.position as JourneyPosition;
    this.host.record(
      parent.move(leavePosition(position, this.host.stamp()), {
        action: 'left',
        via: [],
        decidedBy: 'engine',
        reason: `nested journey ${child.journey.id} was left`,
      }),
    );
  }

  #afterChild(parent: JourneyEntry, reason: string): void {
    const stateId = parent.state?.id as string;
    const exits = parent.graph.exits(stateId);
    if (exits.length > 0 && exits.every((exit) => exit.condition !== null)) {
      parent.pendingStep = true;
      return;
    }
    const move = { to: exits[0]?.to ?? null, via: [], requires: [] };
    const position = parent.position as JourneyPosition;
    const next = advancePosition(position, move, parent.journey, this.host.stamp());
    this.host.record(
      parent.move(next, {
        action: next.outcome === 'completed' ? 'completed' : 'auto-advanced',
        via: [],
        decidedBy: 'engine',
        reason,
      }),
    );
    this.host.landed(parent);
  }

  /** Whether `child` (through the journeys it waits on in turn) is waiting on `parent`. */
  #waitsOn(child: JourneyEntry, parent: JourneyEntry): boolean {
    let current: JourneyEntry | undefined = child;
    for (let hops = 0; current !== undefined && hops <= this.host.entries.size; hops++) {
      if (current === parent) return true;
      const state: ReturnType<() => JourneyEntry['state']> = current.state;
      if (state?.type !== 'journey') return false;
      current = this.host.entries.get(state.journeyId);
    }
    return false;
  }
}
