import type { ConductStore } from '../store/ports.js';

/** Every behavior-model entity of a store, by kind, sorted by id. */
export type BehaviorSnapshot = Record<string, Record<string, unknown>[]>;

const KINDS = [
  'agents',
  'guidelines',
  'relationships',
  'tags',
  'journeys',
  'terms',
  'variables',
  'cannedResponses',
  'capabilities',
] as const;

/**
 * Everything the behavior model holds, for comparisons in tests: before and after a failed
 * operation (nothing may change), or after the same change made two ways. With `content`,
 * only what entities say is kept: no creation times, no owners, and no relationship ids (a
 * relationship is what it connects; ids are generated over the API and derived in code).
 */
export async function behaviorSnapshot(
  store: ConductStore,
  options: { content?: boolean } = {},
): Promise<BehaviorSnapshot> {
  const snapshot: BehaviorSnapshot = {};
  for (const kind of KINDS) {
    const entities = (await store[kind].list()) as unknown as Record<string, unknown>[];
    snapshot[kind] = entities
      .map((entity) => {
        if (options.content !== true) return entity;
        const { createdAt: _createdAt, owner: _owner, ...content } = entity;
        if (kind === 'relationships') delete content.id;
        return content;
      })
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  }
  return snapshot;
}

function sortKey(entity: Record<string, unknown>): string {
  return typeof entity.id === 'string' ? entity.id : JSON.stringify(entity);
}
