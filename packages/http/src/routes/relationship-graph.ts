import type { Relationship, RelationshipEndpoint } from '@conduct/core';

function endpointKey(endpoint: RelationshipEndpoint): string {
  return `${endpoint.type}|${endpoint.id}`;
}

/** Same endpoint: same type and id. */
export function sameEndpoint(a: RelationshipEndpoint, b: RelationshipEndpoint): boolean {
  return endpointKey(a) === endpointKey(b);
}

function collect(
  edges: readonly Relationship[],
  start: string,
  forward: boolean,
  picked: Set<string>,
): void {
  const seen = new Set([start]);
  const queue = [start];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const edge of edges) {
      if (endpointKey(forward ? edge.source : edge.target) !== node) continue;
      picked.add(edge.id);
      const next = endpointKey(forward ? edge.target : edge.source);
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
}

/**
 * The relationships that involve `endpoint`, in their original order. Direct ones name it as
 * source or target; with `indirect`, as in the reference, also those reachable through a chain
 * of relationships of the same kind (A entails B entails C: B→C is indirect for A, A→B for C).
 */
export function relationshipsInvolving(
  relationships: readonly Relationship[],
  endpoint: RelationshipEndpoint,
  indirect: boolean,
): Relationship[] {
  const start = endpointKey(endpoint);
  if (!indirect) {
    return relationships.filter(
      (r) => endpointKey(r.source) === start || endpointKey(r.target) === start,
    );
  }
  const picked = new Set<string>();
  for (const kind of new Set(relationships.map((r) => r.kind))) {
    const edges = relationships.filter((r) => r.kind === kind);
    collect(edges, start, true, picked);
    collect(edges, start, false, picked);
  }
  return relationships.filter((r) => picked.has(r.id));
}
