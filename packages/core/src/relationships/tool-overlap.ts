import type { ToolRef } from '../domain/common.js';
import type { Relationship } from '../domain/relationship.js';
import { compareStrings } from './ordering.js';

/** What {@link groupOverlappingTools} needs to know about a relationship. */
export type OverlapRelationship = Pick<Relationship, 'kind' | 'source' | 'target'>;

/**
 * Groups tools that must be judged together (one tool-call inference batch), following
 * `overlaps` relationships transitively. Overlap is a property of the tools, not of the turn:
 * if A overlaps B and B overlaps C, A and C share a group even when B is not in `toolRefs`.
 * Every given tool appears in exactly one group; tools without overlaps are alone. Each group
 * is sorted, and groups are ordered by their first tool, so the result ignores input order.
 */
export function groupOverlappingTools(
  toolRefs: readonly ToolRef[],
  relationships: readonly OverlapRelationship[],
): ToolRef[][] {
  const parent = new Map<ToolRef, ToolRef>();
  const find = (ref: ToolRef): ToolRef => {
    let root = ref;
    let up = parent.get(root);
    while (up !== undefined) {
      root = up;
      up = parent.get(root);
    }
    // Path compression keeps long overlap chains cheap.
    for (let node = ref; node !== root; ) {
      const next = parent.get(node) ?? root;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const { kind, source, target } of relationships) {
    if (kind !== 'overlaps' || source.type !== 'tool' || target.type !== 'tool') continue;
    const a = find(source.id);
    const b = find(target.id);
    if (a !== b) parent.set(b, a);
  }
  const groups = new Map<ToolRef, ToolRef[]>();
  for (const ref of new Set(toolRefs)) {
    const root = find(ref);
    const group = groups.get(root);
    if (group) group.push(ref);
    else groups.set(root, [ref]);
  }
  return [...groups.values()]
    .map((group) => group.sort(compareStrings))
    .sort((a, b) => compareStrings(a[0]!, b[0]!));
}
