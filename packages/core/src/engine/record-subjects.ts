import { toolDisplayName } from '../domain/common.js';
import { type Guideline, guidelineRuleText } from '../domain/guideline.js';
import type { Journey, JourneyState } from '../domain/journey.js';
import type { TurnEntityRef, TurnRecord, TurnSubject } from '../domain/turn-record.js';
import { journeyStateRef, parseJourneyStateRef } from '../journeys/journey-scope.js';
import type { TurnContext } from './turn-context.js';

/**
 * Every entity a record names, each once, in the order they first appear. Guidelines the
 * pre-filter skipped are left out: with a large model they are most of them, and a record is
 * written at every turn (the trace endpoint's reader can look them up by id).
 */
function namedEntities(record: TurnRecord): TurnEntityRef[] {
  const refs: TurnEntityRef[] = [
    ...record.candidates,
    ...record.verdicts.map((verdict) => verdict.entity),
    ...record.resolution.flatMap((reason) =>
      reason.because === null ? [reason.entity] : [reason.entity, reason.because],
    ),
    ...record.matched.guidelines.map((id) => ({ type: 'guideline' as const, id })),
    ...record.matched.journeys.map((id) => ({ type: 'journey' as const, id })),
    ...record.matched.journeyStates.map((id) => ({ type: 'journey-state' as const, id })),
    ...record.journeys.flatMap((decision) => [
      { type: 'journey' as const, id: decision.journeyId },
      ...[decision.from, ...decision.via, decision.to].flatMap((state) =>
        state === null
          ? []
          : [{ type: 'journey-state' as const, id: journeyStateRef(decision.journeyId, state) }],
      ),
    ]),
    ...record.toolDecisions.flatMap((decision) => [
      { type: 'tool' as const, id: decision.tool },
      ...decision.offeredBy,
    ]),
    ...record.toolCalls.map((call) => ({ type: 'tool' as const, id: call.tool })),
    ...record.errors.flatMap((error) => (error.entity === undefined ? [] : [error.entity])),
    ...(record.composition?.modeSource ? [record.composition.modeSource] : []),
  ];
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = `${ref.type}\u0000${ref.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stateText(journey: Journey, state: JourneyState): string {
  const step =
    state.type === 'chat'
      ? state.instruction
      : state.type === 'tool'
        ? (state.instruction ?? `run ${state.tools.map(toolDisplayName).join(', ')}`)
        : (state.description ?? state.type);
  return `${journey.title}: ${step}`;
}

// Behavior snapshots are shared by turns until the model changes, so a guideline's text is built
// once per snapshot, not at every save of every record.
const ruleTexts = new WeakMap<Guideline, string>();

function ruleText(guideline: Guideline): string {
  let text = ruleTexts.get(guideline);
  if (text === undefined) {
    text = guidelineRuleText(guideline);
    ruleTexts.set(guideline, text);
  }
  return text;
}

function describe(
  ref: TurnEntityRef,
  guidelines: ReadonlyMap<string, Guideline>,
  journeys: ReadonlyMap<string, Journey>,
): TurnSubject | undefined {
  switch (ref.type) {
    case 'guideline': {
      const guideline = guidelines.get(ref.id);
      return guideline && { entity: ref, title: guideline.title, text: ruleText(guideline) };
    }
    case 'journey': {
      const journey = journeys.get(ref.id);
      return journey && { entity: ref, title: journey.title, text: journey.title };
    }
    case 'journey-state': {
      const parsed = parseJourneyStateRef(ref.id);
      const journey = parsed && journeys.get(parsed.journeyId);
      const state = journey?.states.find((candidate) => candidate.id === parsed?.stateId);
      return journey && state && { entity: ref, title: null, text: stateText(journey, state) };
    }
    case 'tool':
      return { entity: ref, title: null, text: toolDisplayName(ref.id) };
  }
}

/**
 * What each entity a record names is, in its author's words as the turn saw them, so a reader
 * of the record (or the trace endpoint) need not look ids up — and can still read it after the
 * entity changed or was deleted. Entities the turn made up (a journey's trigger posing as a
 * guideline) have no entry.
 */
export function describeSubjects(
  record: TurnRecord,
  context: Pick<TurnContext, 'guidelines' | 'journeys'>,
): TurnSubject[] {
  const guidelines = new Map(context.guidelines.map((guideline) => [guideline.id, guideline]));
  const journeys = new Map(context.journeys.map((journey) => [journey.id, journey]));
  return namedEntities(record).flatMap((ref) => describe(ref, guidelines, journeys) ?? []);
}
