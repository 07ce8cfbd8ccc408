import type { ResolverRelationship } from './types.js';

/**
 * Compares strings by UTF-16 code units. `localeCompare` is avoided on purpose: its result
 * depends on the runtime's locale data, and the resolver must be identical everywhere.
 */
export function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Canonical order of relationships: by id, then by content so duplicate ids stay stable. */
export function compareRelationships(a: ResolverRelationship, b: ResolverRelationship): number {
  return (
    compareStrings(a.id, b.id) ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(relationshipContent(a), relationshipContent(b))
  );
}

function relationshipContent(relationship: ResolverRelationship): string {
  const { source, target, anyOf } = relationship;
  return `${source.type}:${source.id}>${target.type}:${target.id}|${anyOf ?? ''}`;
}
