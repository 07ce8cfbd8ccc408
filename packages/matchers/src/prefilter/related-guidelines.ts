import type { Guideline, Relationship, RelationshipEndpoint } from '@conduct/core';

/**
 * Adds to `kept` (in place) the candidates that relationships make necessary, until nothing
 * changes:
 * - the `requires` targets of a kept guideline: the resolver drops a guideline whose required
 *   target did not match, and a target the filter left out cannot match — so keeping the source
 *   without its targets would silently disable it;
 * - the `overrides` sources of a kept guideline: an overriding guideline left out could not
 *   suppress the kept one, letting a rule through that the author meant to be overruled.
 * `entails` targets need nothing: the resolver adds them whether or not they were candidates.
 * Tag endpoints stand for every candidate carrying the tag; journeys and tools are not
 * candidates and are ignored. Returns the ids it added.
 */
export function keepRelated(
  kept: Set<string>,
  candidates: readonly Guideline[],
  relationships: readonly Relationship[],
): string[] {
  const byTag = new Map<string, string[]>();
  const ids = new Set<string>();
  for (const guideline of candidates) {
    ids.add(guideline.id);
    for (const tag of guideline.tags) {
      const members = byTag.get(tag);
      if (members === undefined) byTag.set(tag, [guideline.id]);
      else members.push(guideline.id);
    }
  }
  const expand = (endpoint: RelationshipEndpoint): readonly string[] => {
    if (endpoint.type === 'guideline') return ids.has(endpoint.id) ? [endpoint.id] : [];
    if (endpoint.type === 'tag') return byTag.get(endpoint.id) ?? [];
    return [];
  };
  // needs.get(a) = the candidates that must be kept whenever a is kept.
  const needs = new Map<string, Set<string>>();
  const link = (from: readonly string[], to: readonly string[]) => {
    for (const a of from) {
      const set = needs.get(a) ?? new Set<string>();
      for (const b of to) if (b !== a) set.add(b);
      needs.set(a, set);
    }
  };
  for (const relationship of relationships) {
    if (relationship.kind === 'requires') {
      link(expand(relationship.source), expand(relationship.target));
    } else if (relationship.kind === 'overrides') {
      link(expand(relationship.target), expand(relationship.source));
    }
  }
  const added: string[] = [];
  const queue = [...kept];
  while (queue.length > 0) {
    for (const id of needs.get(queue.pop()!) ?? []) {
      if (kept.has(id)) continue;
      kept.add(id);
      added.push(id);
      queue.push(id);
    }
  }
  return added;
}
