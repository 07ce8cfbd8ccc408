/**
 * The data of a turn's final `ready` status (stage `completed`) in the wire shape: the matched
 * guidelines, journeys and journey states (`<journeyId>:<stateId>`). Nothing matched by default.
 */
export function finalReadyData(
  guidelineIds: readonly string[] = [],
  journeys: { journeys: readonly string[]; states: readonly string[] } = {
    journeys: [],
    states: [],
  },
) {
  return {
    stage: 'completed' as const,
    matched_guidelines: guidelineIds.map((id) => ({ id })),
    matched_journeys: journeys.journeys.map((id) => ({ id })),
    matched_journey_states: journeys.states.map((id) => ({ id })),
  };
}
