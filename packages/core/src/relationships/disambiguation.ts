import type { EndpointIndex, EntityKey, ResolverEntity } from './endpoint-index.js';
import { compareEntities, journeyKey } from './endpoint-index.js';
import { compareStrings } from './ordering.js';
import { compareOverrideOrder } from './overrides.js';
import { findUnmetRequirement } from './requirements.js';
import type { ResolutionState } from './resolution-state.js';
import type { DisambiguationHandOff } from './types.js';

/**
 * Hand-offs for the `disambiguation` matching task: every final guideline with
 * `disambiguates` relationships (its own or through its tags) whose plausible targets number
 * two or more. See {@link isPlausibleTarget} for what counts.
 */
export function collectDisambiguations(
  state: ResolutionState,
  finalGuidelines: readonly EntityKey[],
): DisambiguationHandOff[] {
  const { index } = state;
  const handOffs: DisambiguationHandOff[] = [];
  for (const sourceKey of finalGuidelines) {
    const targets = new Set<EntityKey>();
    const relationshipIds = new Set<string>();
    for (const { relationship, targets: candidates } of index.outgoing(
      'disambiguates',
      sourceKey,
    )) {
      for (const target of candidates) {
        if (target === sourceKey || !isPlausibleTarget(state, target)) continue;
        targets.add(target);
        relationshipIds.add(relationship.id);
      }
    }
    if (targets.size < 2) continue;
    handOffs.push({
      sourceGuidelineId: index.entity(sourceKey).id,
      targets: [...targets]
        .map((key) => index.entity(key))
        .sort(byTypeThenId)
        .map(({ type, id }) => ({ type, id })),
      relationshipIds: [...relationshipIds].sort(compareStrings),
    });
  }
  return handOffs;
}

/**
 * A target is plausible when it is in the final set, or when it is a candidate that would
 * survive resolution if the matcher picked it: enabled and given to the resolver, not dropped
 * in this resolution, its journey active when it is journey-scoped, not overridden by an
 * active entity it would not itself override first, and its requirements met by the final set.
 */
export function isPlausibleTarget(state: ResolutionState, key: EntityKey): boolean {
  if (state.isActive(key)) return true;
  const { index } = state;
  const entity = index.entity(key);
  if (!entity.visible || !entity.enabled || state.isDropped(key)) return false;
  const scoped = entity.scopedTo;
  if (scoped.length > 0 && !scoped.some((id) => state.isActive(journeyKey(id)))) return false;
  if (isOverriddenByActive(state, entity)) return false;
  return findUnmetRequirement(index, key, (other) => state.isActive(other)) === undefined;
}

function isOverriddenByActive(state: ResolutionState, entity: ResolverEntity): boolean {
  const { index } = state;
  return index
    .incoming('overrides', entity.key)
    .some(({ sources }) =>
      sources.some(
        (source) =>
          source !== entity.key &&
          state.isActive(source) &&
          !wouldActFirst(index, entity, index.entity(source)),
      ),
    );
}

/** Whether `entity`, if active, would override `rival` before `rival` could override it. */
function wouldActFirst(index: EndpointIndex, entity: ResolverEntity, rival: ResolverEntity) {
  if (compareOverrideOrder(entity, rival) >= 0) return false;
  return index.outgoing('overrides', entity.key).some(({ targets }) => targets.includes(rival.key));
}

function byTypeThenId(a: ResolverEntity, b: ResolverEntity): number {
  return compareStrings(a.type, b.type) || compareEntities(a, b);
}
