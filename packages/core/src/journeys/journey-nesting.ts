import type { JourneyEntry } from './journey-entry.js';
import type { PreparedMove } from './prepared-transitions.js';

/**
 * What the rules of `journey` states (a journey nested in another) ask of a parent, decided
 * without a model; {@link JourneyMover} carries it out:
 * - `start-child`: start the nested journey (the parent waits on its state, no step of its own);
 * - `skip-child`: the child is missing, or would wait on this parent again (a nesting cycle):
 *   it counts as done, with a note;
 * - `after-child`: the child completed (or was skipped): the parent follows its one
 *   unconditional exit (or finishes when it has none; conditional exits need a step);
 * - `leave`: the child was left, so the parent is left too.
 */
export type NestedMove =
  | { kind: 'start-child'; child: JourneyEntry; reason: string }
  | { kind: 'skip-child'; note: string }
  | { kind: 'after-child'; reason: string }
  | { kind: 'leave'; child: JourneyEntry };

/** What a parent that just landed on a `journey` state does; `undefined` on any other state. */
export function onLanding(
  parent: JourneyEntry,
  entries: ReadonlyMap<string, JourneyEntry>,
): NestedMove | undefined {
  const state = parent.state;
  if (state?.type !== 'journey') return undefined;
  const child = entries.get(state.journeyId);
  if (child === undefined || waitsOn(child, parent, entries)) {
    const why = child === undefined ? 'which is not available' : 'which waits on it in turn';
    return {
      kind: 'skip-child',
      note: `Journey ${parent.journey.id} nests journey ${state.journeyId}, ${why}; skipped`,
    };
  }
  return {
    kind: 'start-child',
    child,
    reason: `nested in journey ${parent.journey.id} at state '${state.id}'`,
  };
}

/**
 * At the start of a turn: a parent waiting on a child that is not running (it finished or was
 * left in an earlier turn, or an edit put the `journey` state under the session) catches up.
 */
export function atResume(
  parent: JourneyEntry,
  entries: ReadonlyMap<string, JourneyEntry>,
): NestedMove | undefined {
  const state = parent.state;
  if (state?.type !== 'journey') return undefined;
  const child = entries.get(state.journeyId);
  if (child?.active === true) return undefined;
  const outcome = child?.position?.outcome;
  const since = child?.position?.updatedAt ?? '';
  const parentSince = parent.position?.updatedAt ?? '';
  if (child !== undefined && outcome === 'left' && since >= parentSince)
    return { kind: 'leave', child };
  if (outcome === 'completed' && since >= parentSince)
    return { kind: 'after-child', reason: 'its nested journey completed' };
  return onLanding(parent, entries);
}

/**
 * What a parent (not held, not waiting for a step) does once its child completed or was left
 * this turn; `undefined` while the child runs or did not change.
 */
export function afterChildChanged(
  parent: JourneyEntry,
  entries: ReadonlyMap<string, JourneyEntry>,
): NestedMove | undefined {
  const state = parent.state;
  if (state?.type !== 'journey') return undefined;
  const child = entries.get(state.journeyId);
  if (child === undefined || !child.changed || child.active) return undefined;
  if (child.position?.outcome === 'left') return { kind: 'leave', child };
  if (child.completedNow) return { kind: 'after-child', reason: 'its nested journey completed' };
  return undefined;
}

/**
 * The parent's move once its child is done: its one unconditional exit (or finishing, with no
 * exit); `undefined` when every exit has a condition, which a step decides.
 */
export function exitAfterChild(parent: JourneyEntry): PreparedMove | undefined {
  const stateId = parent.state?.id as string;
  const exits = parent.graph.exits(stateId);
  if (exits.length > 0 && exits.every((exit) => exit.condition !== null)) return undefined;
  return { to: exits[0]?.to ?? null, via: [], requires: [] };
}

/** Whether `child` (through the journeys it waits on in turn) is waiting on `parent`. */
function waitsOn(
  child: JourneyEntry,
  parent: JourneyEntry,
  entries: ReadonlyMap<string, JourneyEntry>,
): boolean {
  let current: JourneyEntry | undefined = child;
  for (let hops = 0; current !== undefined && hops <= entries.size; hops++) {
    if (current === parent) return true;
    const state: ReturnType<() => JourneyEntry['state']> = current.state;
    if (state?.type !== 'journey') return false;
    current = entries.get(state.journeyId);
  }
  return false;
}
