import { expect } from 'vitest';
import type { RelationshipEndpoint, RelationshipKind } from '../domain/relationship.js';
import type { ResolutionReason, TurnEntityRef } from '../domain/turn-record.js';
import type {
  RelationshipResolution,
  ResolveRelationshipsInput,
  ResolverGuideline,
  ResolverJourney,
  ResolverRelationship,
} from './types.js';

const G = (id: string): TurnEntityRef => ({ type: 'guideline', id });
const J = (id: string): TurnEntityRef => ({ type: 'journey', id });

/** A guideline with the facts the resolver reads; defaults: enabled, priority 0, no tags. */
export function guideline(
  id: string,
  facts: Partial<Omit<ResolverGuideline, 'id'>> = {},
): ResolverGuideline {
  return { id, tags: [], priority: 0, enabled: true, ...facts };
}

/** A journey with the facts the resolver reads; defaults: priority 0, no tags. */
export function journey(
  id: string,
  facts: Partial<Omit<ResolverJourney, 'id'>> = {},
): ResolverJourney {
  return { id, tags: [], priority: 0, ...facts };
}

/**
 * An endpoint from shorthand: `g:<id>` guideline, `t:<tag>` tag, `j:<id>` journey,
 * `tool:<service:tool>` tool.
 */
export function endpoint(shorthand: string): RelationshipEndpoint {
  const colon = shorthand.indexOf(':');
  const prefix = shorthand.slice(0, colon);
  const id = shorthand.slice(colon + 1);
  switch (prefix) {
    case 'g':
      return { type: 'guideline', id };
    case 't':
      return { type: 'tag', id };
    case 'j':
      return { type: 'journey', id };
    case 'tool':
      return { type: 'tool', id };
    default:
      throw new Error(`bad endpoint shorthand ${shorthand}`);
  }
}

/** A relationship from shorthand endpoints. */
export function relation(
  id: string,
  source: string,
  kind: RelationshipKind,
  target: string,
  anyOf: string | null = null,
): ResolverRelationship {
  return { id, kind, source: endpoint(source), target: endpoint(target), anyOf };
}

/** A deterministic PRNG (mulberry32), so random tests replay exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates) driven by `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The contract every result must honour, whatever the input. */
export function expectAccountedFor(
  input: ResolveRelationshipsInput,
  result: RelationshipResolution,
) {
  const has = (entity: TurnEntityRef, change: ResolutionReason['change']) =>
    result.reasons.some(
      (r) => r.entity.type === entity.type && r.entity.id === entity.id && r.change === change,
    );
  const finalGuidelines = new Set(result.guidelineIds);
  const finalJourneys = new Set(result.journeyIds);
  expect(finalGuidelines.size).toBe(result.guidelineIds.length);
  expect(finalJourneys.size).toBe(result.journeyIds.length);
  for (const id of input.matchedGuidelineIds) {
    if (!finalGuidelines.has(id))
      expect(has(G(id), 'dropped'), `dropped reason for ${id}`).toBe(true);
  }
  for (const id of input.activeJourneyIds) {
    if (!finalJourneys.has(id))
      expect(has(J(id), 'dropped'), `dropped reason for ${id}`).toBe(true);
  }
  for (const id of result.guidelineIds) {
    if (!input.matchedGuidelineIds.includes(id))
      expect(has(G(id), 'added'), `added ${id}`).toBe(true);
  }
  for (const id of result.journeyIds) {
    if (!input.activeJourneyIds.includes(id)) expect(has(J(id), 'added'), `added ${id}`).toBe(true);
  }
  for (const r of result.reasons) {
    const inFinal = (r.entity.type === 'guideline' ? finalGuidelines : finalJourneys).has(
      r.entity.id,
    );
    expect(inFinal, `${r.change} reason for ${r.entity.id}`).toBe(r.change !== 'dropped');
  }
}
