import type { EndpointIndex, EntityKey, IndexedRelationship } from './endpoint-index.js';
import { describeEndpoint, describeEntity, endpointRef } from './reasons.js';
import type { Attribution, ResolutionState } from './resolution-state.js';

/**
 * One condition an entity must meet to stay: satisfied when any of its relationships has an
 * active target. A relationship with `anyOf: null` forms a group of its own (all-of); those
 * of one source endpoint sharing an `anyOf` name form one group (any-of).
 */
export type RequirementGroup = readonly IndexedRelationship[];

/** The requirement groups of an entity, in the canonical order of their first relationship. */
export function requirementGroups(index: EndpointIndex, key: EntityKey): RequirementGroup[] {
  const groups = new Map<string, IndexedRelationship[]>();
  let allOf = 0;
  for (const indexed of index.outgoing('requires', key)) {
    const { source, anyOf } = indexed.relationship;
    const groupKey = anyOf === null ? `all ${allOf++}` : `any ${source.type} ${source.id} ${anyOf}`;
    const group = groups.get(groupKey);
    if (group) group.push(indexed);
    else groups.set(groupKey, [indexed]);
  }
  return [...groups.values()];
}

/**
 * The first requirement group of `key` that no active entity satisfies, or `undefined`.
 * An entity never satisfies its own requirement (e.g. through a tag it carries itself).
 */
export function findUnmetRequirement(
  index: EndpointIndex,
  key: EntityKey,
  isActive: (key: EntityKey) => boolean,
): RequirementGroup | undefined {
  return requirementGroups(index, key).find(
    (group) => !group.some(({ targets }) => targets.some((t) => t !== key && isActive(t))),
  );
}

/**
 * Drops active entities whose requirements are unmet, repeating until nothing changes, so a
 * drop cascades to whatever required the dropped entity. Being met only gets harder as the
 * active set shrinks, so the outcome is the largest self-consistent set whatever the order:
 * mutual requirements between active entities hold each other up.
 */
export function applyRequirements(state: ResolutionState): void {
  const { index } = state;
  let changed = true;
  while (changed) {
    changed = false;
    for (const key of state.activeInCanonicalOrder()) {
      if (!state.isActive(key)) continue;
      const unmet = findUnmetRequirement(index, key, (other) => state.isActive(other));
      if (unmet && state.drop(key, unmetRequirement(index, key, unmet))) changed = true;
    }
  }
}

function unmetRequirement(
  index: EndpointIndex,
  key: EntityKey,
  group: RequirementGroup,
): Attribution {
  const first = group.find(({ relationship }) => relationship.target.type !== 'tag') ?? group[0]!;
  const entity = describeEntity(index.entity(key));
  const anyOf = first.relationship.anyOf;
  const target = first.relationship.target;
  const missing =
    target.type === 'tag' ? 'which no active guideline or journey carries' : 'which is not active';
  const explanation =
    group.length === 1 && anyOf === null
      ? `${entity} requires ${describeEndpoint(target)}, ${missing}.`
      : `${entity} requires one of ${group
          .map(({ relationship }) => describeEndpoint(relationship.target))
          .join(', ')} (group "${anyOf ?? ''}"), and none is active.`;
  return {
    rule: 'requires',
    relationshipId: first.relationship.id,
    because: endpointRef(target),
    explanation,
  };
}
