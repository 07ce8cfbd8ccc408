import { journeyStateTag, journeyTag } from '../domain/common.js';

const JOURNEY_PREFIX = journeyTag('');
const STATE_PREFIX = journeyStateTag('');

/**
 * The wire id of one journey's state, `<journeyId>:<stateId>` (in `ready`'s
 * `matched_journey_states`, decision records and scope tags): state ids are unique only within
 * their journey.
 */
export function journeyStateRef(journeyId: string, stateId: string): string {
  return `${journeyId}:${stateId}`;
}

/**
 * The journey and state of a `<journeyId>:<stateId>` ref. State ids never contain `:` but
 * journey ids may, so it splits at the last one: `a:b:x` is journey `a:b` at `x`.
 */
export function parseJourneyStateRef(
  ref: string,
): { journeyId: string; stateId: string } | undefined {
  const split = ref.lastIndexOf(':');
  if (split <= 0 || split === ref.length - 1) return undefined;
  return { journeyId: ref.slice(0, split), stateId: ref.slice(split + 1) };
}

/**
 * Tag that scopes an entity (a guideline, a canned response) to one state of one journey:
 * `journey_node:<journeyId>:<stateId>`. State ids are unique only within their journey, so
 * the journey id is part of the tag; state ids cannot contain `:`, which keeps it unambiguous.
 */
export function journeyStateScopeTag(journeyId: string, stateId: string): string {
  return journeyStateTag(journeyStateRef(journeyId, stateId));
}

/** The journey and state a `journey_node:<journeyId>:<stateId>` tag names, if it is one. */
export function parseJourneyStateScopeTag(
  tag: string,
): { journeyId: string; stateId: string } | undefined {
  if (!tag.startsWith(STATE_PREFIX)) return undefined;
  return parseJourneyStateRef(tag.slice(STATE_PREFIX.length));
}

/** Journey ids an entity is scoped to by `journey:<id>` tags. */
export function scopedJourneyIds(tags: readonly string[]): string[] {
  return tags
    .filter((tag) => tag.startsWith(JOURNEY_PREFIX))
    .map((tag) => tag.slice(JOURNEY_PREFIX.length));
}

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
  const states = tags.flatMap((tag) => parseJourneyStateScopeTag(tag) ?? []);
  if (states.length > 0) return states.some((s) => stateOf(s.journeyId) === s.stateId);
  const journeys = scopedJourneyIds(tags);
  if (journeys.length > 0) return journeys.some((id) => stateOf(id) !== undefined);
  // A bare `journey_node:` tag that names no journey state scopes to nothing that can be active.
  return !tags.some((tag) => tag.startsWith(STATE_PREFIX));
}
