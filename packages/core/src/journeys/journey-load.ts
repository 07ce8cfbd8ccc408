import type { Journey } from '../domain/journey.js';
import type { TurnContext } from '../engine/turn-context.js';
import type { TurnRecorder } from '../engine/turn-recorder.js';
import { JourneyEntry } from './journey-entry.js';
import { type PositionStamp, reconcilePosition } from './journey-position.js';
import { journeyProblems } from './validate-journey.js';

const validity = new Map<string, string>();

/**
 * The turn's journeys as entries, with the session's stored positions made safe for the
 * journeys as they are now (see `reconcilePosition`): a reset lands in the decision record and
 * the notes. A stored journey whose graph is invalid (written straight into a store) is left
 * out, with a note when it matters.
 */
export function loadJourneyEntries(
  context: Pick<TurnContext, 'journeys' | 'session'>,
  recorder: TurnRecorder,
  stamp: () => PositionStamp,
): Map<string, JourneyEntry> {
  const entries = new Map<string, JourneyEntry>();
  const stored = context.session.state.journeys;
  for (const journey of context.journeys) {
    const problems = problemsOf(journey);
    const position = stored[journey.id];
    if (problems !== '') {
      if (position !== undefined || journey.triggers.length > 0)
        recorder.note(`Journey ${journey.id} is invalid and was ignored: ${problems}`);
      continue;
    }
    const entry = new JourneyEntry(journey, position);
    entries.set(journey.id, entry);
    if (position === undefined) continue;
    const reconciled = reconcilePosition(position, journey, stamp());
    if (reconciled.reset !== undefined) {
      recorder.note(`Journey ${journey.id}: ${reconciled.reset}`);
      recorder.record.journeys.push(
        entry.move(reconciled.position, {
          action: 'reset',
          via: [],
          decidedBy: 'engine',
          reason: reconciled.reset,
        }),
      );
    } else if (reconciled.position !== position) {
      entry.reconcile(reconciled.position);
    }
  }
  return entries;
}

// Stored journeys are re-checked once per content (journeys are immutable snapshots per turn).
function problemsOf(journey: Journey): string {
  const key = `${journey.id}\u0000${JSON.stringify([journey.initialStateId, journey.states, journey.transitions, journey.triggers])}`;
  let problems = validity.get(key);
  if (problems === undefined) {
    problems = journeyProblems(journey)
      .map((issue) => issue.message)
      .join('; ');
    if (validity.size > 500) validity.clear();
    validity.set(key, problems);
  }
  return problems;
}
