import type { EndpointIndex, EntityKey } from './endpoint-index.js';

/** How an entity not in the base got into the active set. */
export interface Entailment {
  readonly relationshipId: string;
  /** The active entity that entailed it. */
  readonly source: EntityKey;
}

/** The active set: the base plus everything it entails, transitively. */
export interface EntailmentClosure {
  readonly active: ReadonlySet<EntityKey>;
  /** The surviving base in its given order, then added entities in discovery order. */
  readonly order: readonly EntityKey[];
  /** For each added entity, the first relationship (breadth-first) that added it. */
  readonly entailedBy: ReadonlyMap<EntityKey, Entailment>;
}

/**
 * Closes `base` under `entails`, breadth-first. Dropped entities are neither kept nor
 * traversed, so anything entailed only through a dropped entity stays out. Only enabled
 * candidates (`visible`) can be added. Cycles are harmless: an entity is visited once.
 */
export function computeEntailmentClosure(
  index: EndpointIndex,
  base: readonly EntityKey[],
  isDropped: (key: EntityKey) => boolean,
): EntailmentClosure {
  const active = new Set<EntityKey>();
  const order: EntityKey[] = [];
  const entailedBy = new Map<EntityKey, Entailment>();
  for (const key of base) {
    if (active.has(key) || isDropped(key)) continue;
    active.add(key);
    order.push(key);
  }
  for (let next = 0; next < order.length; next++) {
    const source = order[next]!;
    for (const { relationship, targets } of index.outgoing('entails', source)) {
      for (const target of targets) {
        if (active.has(target) || isDropped(target)) continue;
        const entity = index.entity(target);
        if (!entity.visible || !entity.enabled) continue;
        active.add(target);
        order.push(target);
        entailedBy.set(target, { relationshipId: relationship.id, source });
      }
    }
  }
  return { active, order, entailedBy };
}
