import type { Guideline } from '../domain/guideline.js';
import { strategyFor } from '../engine/match-stage.js';
import type { MatchingStrategy } from '../engine/matching-strategy.js';
import type { TurnContext } from '../engine/turn-context.js';
import { type JourneyCandidate, type TriggerForm, triggerCandidate } from './journey-candidates.js';
import type { JourneyEntry } from './journey-entry.js';
import { firstMoveCandidates } from './journey-first-moves.js';

/** The forms a trigger may take, in order of preference (the observation form reads best). */
const FORMS: readonly TriggerForm[] = ['observation', 'actionable'];

/**
 * The trigger candidates of inactive journeys, each in the first form whose strategy already
 * evaluates a real candidate this turn, so the trigger rides a batch that is sent anyway and a
 * finished or left journey costs no call of its own. With no such strategy (no real candidate
 * goes to either form's strategy) the observation form is used, which costs one call.
 *
 * Strategies are asked through `handles`, as matching does, so core knows nothing about how
 * they route: any strategy set gets the saving as far as its routing allows.
 */
export function triggerCandidatesFor(
  entries: Iterable<JourneyEntry>,
  candidates: readonly Guideline[],
  strategies: readonly MatchingStrategy[],
  context: TurnContext,
): JourneyCandidate[] {
  const inactive = [...entries].filter((entry) => !entry.active);
  if (inactive.length === 0) return [];
  const busy = new Set(candidates.map((guideline) => strategyFor(guideline, strategies, context)));
  busy.delete(undefined);
  const ride = (forms: readonly Guideline[]) =>
    forms.find((form) => busy.has(strategyFor(form, strategies, context))) ?? forms[0];
  return inactive.flatMap((entry) => {
    const triggers = entry.journey.triggers.map(
      (trigger) =>
        ride(
          FORMS.map((form) => triggerCandidate(entry.journey, trigger, entry.position, form)),
        ) as Guideline,
    );
    if (triggers.length === 0) return [];
    // The first step rides along in the form (and so the batch) of the first trigger.
    const form: TriggerForm = triggers[0]?.action === null ? 'observation' : 'actionable';
    const journeyId = entry.journey.id;
    return [
      ...triggers.map((guideline) => ({ kind: 'trigger' as const, guideline, journeyId })),
      ...firstMoveCandidates(entry, form),
    ];
  });
}
