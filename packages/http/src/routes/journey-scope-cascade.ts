import { type ConductStore, journeyStateScopeTag, journeyTag } from '@conduct/core';
import { deleteRelationshipsOf } from './relationship-cascade.js';

const JOURNEY_SCOPE_PREFIXES = ['journey:', 'journey_node:'];

function isJourneyScope(tag: string): boolean {
  return JOURNEY_SCOPE_PREFIXES.some((prefix) => tag.startsWith(prefix));
}

/**
 * What is left of an entity's tags once a journey is gone: `undefined` when no tag scoped it to
 * that journey, else the tags without `journey:<id>` and `journey_node:<id>:<state>`, and
 * whether the entity was scoped to journeys and now has none left.
 */
function withoutJourney(
  tags: readonly string[],
  journeyId: string,
): { tags: string[]; orphaned: boolean } | undefined {
  const own = journeyTag(journeyId);
  const ownStates = journeyStateScopeTag(journeyId, '');
  const kept = tags.filter((tag) => tag !== own && !tag.startsWith(ownStates));
  if (kept.length === tags.length) return undefined;
  return { tags: kept, orphaned: !kept.some(isJourneyScope) };
}

/**
 * Called after a journey is deleted. Guidelines and canned responses scoped only to it (by
 * `journey:<id>` or `journey_node:<id>:<state>` tags) are deleted with it: they could never
 * apply again, and dropping the tags instead would turn them into global ones. Entities also
 * scoped to other journeys just lose this journey's tags.
 */
export async function unscopeFromJourney(store: ConductStore, journeyId: string): Promise<void> {
  for (const guideline of await store.guidelines.list()) {
    const next = withoutJourney(guideline.tags, journeyId);
    if (next === undefined) continue;
    if (next.orphaned) {
      await store.guidelines.delete(guideline.id);
      await deleteRelationshipsOf(store, { type: 'guideline', id: guideline.id });
    } else {
      await store.guidelines.update(guideline.id, { tags: next.tags });
    }
  }
  for (const response of await store.cannedResponses.list()) {
    const next = withoutJourney(response.tags, journeyId);
    if (next === undefined) continue;
    if (next.orphaned) await store.cannedResponses.delete(response.id);
    else await store.cannedResponses.update(response.id, { tags: next.tags });
  }
}
