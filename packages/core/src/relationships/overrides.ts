import {
  compareEntities,
  type EntityKey,
  type IndexedRelationship,
  type ResolverEntity,
} from './endpoint-index.js';
import { describeEndpoint, describeEntity, entityRef } from './reasons.js';
import type { Attribution, ResolutionState } from './resolution-state.js';

/**
 * The order in which `overrides` sources act: higher numeric priority first, then id, then
 * guidelines before journeys. This order is what makes override cycles deterministic.
 */
export function compareOverrideOrder(a: ResolverEntity, b: ResolverEntity): number {
  if (a.priority !== b.priority) return a.priority > b.priority ? -1 : 1;
  return compareEntities(a, b);
}

/**
 * Applies `overrides` once over the active set: each active source, in
 * {@link compareOverrideOrder}, drops every active entity its relationships target. A source
 * dropped before its turn overrides nothing, so in a cycle the side that acts first wins;
 * the survivor gets a `kept` reason naming the relationship that did not fire.
 */
export function applyOverrides(state: ResolutionState): void {
  const { index } = state;
  const sources = state
    .activeInCanonicalOrder()
    .map((key) => index.entity(key))
    .sort(compareOverrideOrder);
  const overriddenHere = new Set<EntityKey>();
  for (const source of sources) {
    const relationships = index.outgoing('overrides', source.key);
    if (relationships.length === 0) continue;
    if (!state.isActive(source.key)) {
      if (overriddenHere.has(source.key)) noteSurvivors(state, source, relationships);
      continue;
    }
    for (const indexed of relationships) {
      for (const target of indexed.targets) {
        if (target === source.key || !state.isActive(target)) continue;
        const attribution = overridden(source, index.entity(target), indexed);
        if (state.drop(target, attribution)) overriddenHere.add(target);
      }
    }
  }
}

function noteSurvivors(
  state: ResolutionState,
  source: ResolverEntity,
  relationships: readonly IndexedRelationship[],
): void {
  for (const { relationship, targets } of relationships) {
    for (const target of targets) {
      if (target === source.key || !state.isActive(target)) continue;
      state.keep(target, {
        rule: 'overrides',
        relationshipId: relationship.id,
        because: entityRef(source),
        explanation:
          `${describeEntity(source)} would override ${describeEntity(state.index.entity(target))}, ` +
          'but it was overridden itself first (overrides act from the highest priority down, then by id).',
      });
    }
  }
}

function overridden(
  source: ResolverEntity,
  target: ResolverEntity,
  { relationship }: IndexedRelationship,
): Attribution {
  const viaTag = relationship.source.type === 'tag' || relationship.target.type === 'tag';
  const via = viaTag
    ? ` (${describeEndpoint(relationship.source)} overrides ${describeEndpoint(relationship.target)})`
    : '';
  return {
    rule: 'overrides',
    relationshipId: relationship.id,
    because: entityRef(source),
    explanation: `${describeEntity(target)} is overridden by ${describeEntity(source)}${via}.`,
  };
}
