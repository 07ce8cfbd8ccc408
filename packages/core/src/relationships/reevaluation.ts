import type { ToolRef } from '../domain/common.js';
import type { RelationshipEndpoint } from '../domain/relationship.js';
import type { EndpointIndex, EntityKey } from './endpoint-index.js';
import { compareStrings } from './ordering.js';

/**
 * For each tool named by a `reevaluate-after` relationship: the enabled candidate guidelines
 * to re-match after it ran. A tag source stands for its guidelines, a journey source for the
 * guidelines scoped to that journey. Keys and ids are sorted.
 */
export function collectReevaluations(index: EndpointIndex): Record<ToolRef, string[]> {
  const byTool = new Map<ToolRef, Set<string>>();
  for (const relationship of index.relationshipsOfKind('reevaluate-after')) {
    if (relationship.target.type !== 'tool') continue;
    const ids = sourceGuidelines(index, relationship.source)
      .map((key) => index.entity(key))
      .filter((entity) => entity.type === 'guideline' && entity.visible && entity.enabled)
      .map((entity) => entity.id);
    if (ids.length === 0) continue;
    const tool = relationship.target.id;
    const set = byTool.get(tool) ?? new Set<string>();
    for (const id of ids) set.add(id);
    byTool.set(tool, set);
  }
  return Object.fromEntries(
    [...byTool.keys()]
      .sort(compareStrings)
      .map((tool) => [tool, [...(byTool.get(tool) ?? [])].sort(compareStrings)]),
  );
}

function sourceGuidelines(
  index: EndpointIndex,
  source: RelationshipEndpoint,
): readonly EntityKey[] {
  return source.type === 'journey' ? index.scopedGuidelines(source.id) : index.expand(source);
}
