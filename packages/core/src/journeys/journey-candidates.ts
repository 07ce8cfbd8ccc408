import type { Guideline } from '../domain/guideline.js';
import type { Journey, JourneyTrigger } from '../domain/journey.js';
import type { JourneyPosition } from '../domain/session-state.js';

const TRIGGER_PREFIX = 'journey-trigger:';

/**
 * A synthetic matching candidate that stands for a journey: one of its triggers, or one of the
 * first moves from its initial step (`move`, see `journey-first-moves.ts`). The turn keeps a map
 * from each candidate's id to this, so a verdict finds its journey without reading the id.
 */
export type JourneyCandidate =
  | { kind: 'trigger'; guideline: Guideline; journeyId: string }
  | { kind: 'first-move'; guideline: Guideline; journeyId: string; move: number };

/** A guideline-shaped item that exists only for one turn (never stored, never resolved). */
export function synthetic(
  id: string,
  journey: Journey,
  fields: Pick<Guideline, 'condition' | 'action' | 'tools' | 'metadata'>,
): Guideline {
  return {
    id,
    ...fields,
    title: null,
    description: null,
    criticality: 'medium',
    enabled: true,
    priority: journey.priority,
    track: false,
    tags: [],
    labels: [],
    compositionMode: null,
    classification: null,
    createdAt: journey.createdAt,
  };
}

/**
 * How a trigger is put to the matching strategies: as an observation (a bare condition), or as
 * an actionable rule (the same condition, with starting the flow as its action).
 */
export type TriggerForm = 'observation' | 'actionable';

/**
 * A journey trigger as a synthetic matching candidate, so the strategies evaluate it in the
 * same wave, inside a batch they send anyway (see `journey-trigger-forms.ts` for which form).
 * Both forms share the id and metadata, so either maps back to the journey the same way; the
 * action of the actionable form is one not taken yet (the journey is not running). A journey that already
 * finished or was left is asked about a *new* request, so a conversation still lingering on the
 * finished topic does not restart it.
 */
export function triggerCandidate(
  journey: Journey,
  trigger: JourneyTrigger,
  previous: JourneyPosition | undefined,
  form: TriggerForm = 'observation',
): Guideline {
  const ended = previous?.outcome === 'completed' ? 'was completed' : 'was dropped';
  const condition =
    previous === undefined || previous.outcome === 'active'
      ? trigger.condition
      : `${trigger.condition} (a new request, raised after the earlier "${journey.title}" flow ${ended})`;
  return synthetic(`${TRIGGER_PREFIX}${journey.id}:${trigger.id}`, journey, {
    condition,
    action: form === 'actionable' ? `start the "${journey.title}" flow` : null,
    tools: [],
    metadata: { journeyTrigger: { journeyId: journey.id, triggerId: trigger.id } },
  });
}
