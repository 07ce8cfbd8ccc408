import {
  guidelineTag,
  isJourneyScopeTag,
  journeyStateScopes,
  parseTag,
  scopedJourneyIds,
} from '../domain/built-in-tags.js';
import type { StoreTransaction } from '../store/unit-of-work.js';
import { deleteRelationshipsOf } from './relationship-cascade.js';

/** Which of an entity's scoping tags name something that is gone. */
type GoneScope = (tag: string) => boolean;

function hasStateScope(tags: readonly string[]): boolean {
  return journeyStateScopes(tags).length > 0;
}

/**
 * What is left of an entity's tags once `gone` journey scopes disappear: `undefined` when none
 * of its tags is gone, else the remaining tags and whether the entity can never apply again.
 * State tags (`journey_node:<journey>:<state>`) are the narrower scope, so an entity that loses
 * all of them is orphaned even if `journey:<id>` tags remain: keeping it would widen it to the
 * whole journey. Otherwise it is orphaned when its last `journey:<id>` tag is gone.
 */
function withoutJourneyScopes(
  tags: readonly string[],
  gone: GoneScope,
): { tags: string[]; orphaned: boolean } | undefined {
  const kept = tags.filter((tag) => !gone(tag));
  if (kept.length === tags.length) return undefined;
  const orphaned = hasStateScope(tags) ? !hasStateScope(kept) : scopedJourneyIds(kept).length === 0;
  return { tags: kept, orphaned };
}

/**
 * Deletes a guideline with everything that depends on it: its relationships, and canned
 * responses gated on it alone (`guideline:<id>`; those gated on other things too just lose the
 * tag — dropping the gate instead would make them candidates everywhere).
 */
export async function deleteGuidelineWithDependents(
  tx: StoreTransaction,
  guidelineId: string,
): Promise<void> {
  await tx.guidelines.delete(guidelineId);
  await deleteRelationshipsOf(tx, { type: 'guideline', id: guidelineId });
  const gate = guidelineTag(guidelineId);
  for (const response of await tx.cannedResponses.list({ tags: [gate] })) {
    const kept = response.tags.filter((tag) => tag !== gate);
    const gated = kept.some((tag) => parseTag(tag)?.kind === 'guideline' || isJourneyScopeTag(tag));
    if (gated) await tx.cannedResponses.update(response.id, { tags: kept });
    else await tx.cannedResponses.delete(response.id);
  }
}

/**
 * Removes `gone` journey scopes from guidelines and canned responses. Entities left unable to
 * apply are deleted (dropping the tags instead would turn them into wider or global ones); the
 * others just lose the gone tags.
 */
async function unscope(tx: StoreTransaction, gone: GoneScope): Promise<void> {
  for (const guideline of await tx.guidelines.list()) {
    const next = withoutJourneyScopes(guideline.tags, gone);
    if (next === undefined) continue;
    if (next.orphaned) await deleteGuidelineWithDependents(tx, guideline.id);
    else await tx.guidelines.update(guideline.id, { tags: next.tags });
  }
  for (const response of await tx.cannedResponses.list()) {
    const next = withoutJourneyScopes(response.tags, gone);
    if (next === undefined) continue;
    if (next.orphaned) await tx.cannedResponses.delete(response.id);
    else await tx.cannedResponses.update(response.id, { tags: next.tags });
  }
}

/**
 * Part of deleting a journey: guidelines and canned responses scoped only to it (by
 * `journey:<id>` or `journey_node:<id>:<state>` tags) are deleted with it; entities also scoped
 * to other journeys (or other journeys' states) just lose this journey's tags. Tags are parsed,
 * not prefix-matched, so deleting journey `a` leaves journey `a:b`'s state tags alone.
 */
export async function unscopeFromJourney(tx: StoreTransaction, journeyId: string): Promise<void> {
  await unscope(tx, (tag) => {
    const parsed = parseTag(tag);
    if (parsed?.kind === 'journey') return parsed.journeyId === journeyId;
    return parsed?.kind === 'journey-state' && parsed.journeyId === journeyId;
  });
}
