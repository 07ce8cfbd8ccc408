import { type ConductStore, journeyTag, parseJourneyStateScopeTag } from '@conduct/core';
import { deleteRelationshipsOf } from './relationship-cascade.js';

/** Which of an entity's scoping tags name something that is gone. */
type GoneScope = (tag: string) => boolean;

function hasStateScope(tags: readonly string[]): boolean {
  return tags.some((tag) => parseJourneyStateScopeTag(tag) !== undefined);
}

/**
 * What is left of an entity's tags once `gone` scopes disappear: `undefined` when none of its
 * tags is gone, else the remaining tags and whether the entity can never apply again. State
 * tags (`journey_node:<journey>:<state>`) are the narrower scope, so an entity that loses all of
 * them is orphaned even if `journey:<id>` tags remain: keeping it would widen it to the whole
 * journey. Otherwise it is orphaned when its last `journey:<id>` tag is gone.
 */
function withoutScopes(
  tags: readonly string[],
  gone: GoneScope,
): { tags: string[]; orphaned: boolean } | undefined {
  const kept = tags.filter((tag) => !gone(tag));
  if (kept.length === tags.length) return undefined;
  const orphaned = hasStateScope(tags)
    ? !hasStateScope(kept)
    : !kept.some((tag) => tag.startsWith(journeyTag('')));
  return { tags: kept, orphaned };
}

/**
 * Removes `gone` scopes from guidelines and canned responses. Entities left unable to apply
 * are deleted (dropping the tags instead would turn them into wider or global ones); the others
 * just lose the gone tags.
 */
async function unscope(store: ConductStore, gone: GoneScope): Promise<void> {
  for (const guideline of await store.guidelines.list()) {
    const next = withoutScopes(guideline.tags, gone);
    if (next === undefined) continue;
    if (next.orphaned) {
      await store.guidelines.delete(guideline.id);
      await deleteRelationshipsOf(store, { type: 'guideline', id: guideline.id });
    } else {
      await store.guidelines.update(guideline.id, { tags: next.tags });
    }
  }
  for (const response of await store.cannedResponses.list()) {
    const next = withoutScopes(response.tags, gone);
    if (next === undefined) continue;
    if (next.orphaned) await store.cannedResponses.delete(response.id);
    else await store.cannedResponses.update(response.id, { tags: next.tags });
  }
}

/**
 * Called after a journey is deleted: guidelines and canned responses scoped only to it (by
 * `journey:<id>` or `journey_node:<id>:<state>` tags) are deleted with it; entities also scoped
 * to other journeys (or other journeys' states) just lose this journey's tags. Tags are parsed,
 * not prefix-matched, so deleting journey `a` leaves journey `a:b`'s state tags alone.
 */
export async function unscopeFromJourney(store: ConductStore, journeyId: string): Promise<void> {
  const own = journeyTag(journeyId);
  await unscope(
    store,
    (tag) => tag === own || parseJourneyStateScopeTag(tag)?.journeyId === journeyId,
  );
}
