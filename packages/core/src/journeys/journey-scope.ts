import { journeyStateScopes, parseTag, scopedJourneyIds } from '../domain/built-in-tags.js';

// The `<journeyId>:<stateId>` refs are defined with the `journey_node:` tags that carry them.
export { journeyStateRef, parseJourneyStateRef } from '../domain/built-in-tags.js';

/**
 * Whether a journey-scoped entity applies, given where the session is in each journey
 * (`stateOf(journeyId)`: the current state id, or `undefined` when the journey is not active).
 * State tags are the narrower scope: an entity carrying any must have one whose journey is at
 * that state; otherwise one of its `journey:<id>` journeys must be active. Entities without
 * journey tags are always in scope.
 */
export function inJourneyScope(
  tags: readonly string[],
  stateOf: (journeyId: string) => string | undefined,
): boolean {
  const states = journeyStateScopes(tags);
  if (states.length > 0) return states.some((s) => stateOf(s.journeyId) === s.stateId);
  const journeys = scopedJourneyIds(tags);
  if (journeys.length > 0) return journeys.some((id) => stateOf(id) !== undefined);
  // A bare `journey_node:` tag that names no journey state scopes to nothing that can be active.
  return !tags.some((tag) => parseTag(tag)?.kind === 'journey-node');
}
