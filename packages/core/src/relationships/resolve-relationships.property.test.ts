import { describe, expect, it } from 'vitest';
import type { RelationshipEndpoint, RelationshipKind } from '../domain/relationship.js';
import { resolveRelationships } from './resolve-relationships.js';
import { expectAccountedFor, seededRandom, shuffled } from './test-fixtures.js';
import type {
  ResolveRelationshipsInput,
  ResolverGuideline,
  ResolverJourney,
  ResolverRelationship,
} from './types.js';

const KINDS: RelationshipKind[] = [
  'entails',
  'overrides',
  'requires',
  'disambiguates',
  'reevaluate-after',
  'overlaps',
];
const TAGS = ['t0', 't1', 't2', 't3', 't4'];
const JOURNEYS = ['j0', 'j1', 'j2'];

function randomGraph(seed: number): ResolveRelationshipsInput {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const guidelines: ResolverGuideline[] = Array.from({ length: 30 }, (_, n) => {
    const tags = TAGS.filter(() => random() < 0.2);
    if (random() < 0.15) tags.push(`journey:${pick(JOURNEYS)}`);
    return {
      id: `g${n}`,
      tags,
      priority: Math.floor(random() * 5) - 2,
      enabled: random() > 0.1,
    };
  });
  const journeys: ResolverJourney[] = JOURNEYS.map((id) => ({
    id,
    tags: TAGS.filter(() => random() < 0.1),
    priority: Math.floor(random() * 3) - 1,
  }));
  const endpoint = (): RelationshipEndpoint => {
    const roll = random();
    if (roll < 0.03) return { type: 'guideline', id: 'ghost' };
    if (roll < 0.55) return { type: 'guideline', id: `g${Math.floor(random() * 30)}` };
    if (roll < 0.75) return { type: 'tag', id: pick(TAGS) };
    if (roll < 0.88) return { type: 'journey', id: pick(JOURNEYS) };
    return { type: 'tool', id: `svc:tool${Math.floor(random() * 4)}` };
  };
  const relationships: ResolverRelationship[] = Array.from({ length: 60 }, (_, n) => {
    const kind = pick(KINDS);
    return {
      id: `r${n}`,
      kind,
      source: endpoint(),
      target: endpoint(),
      anyOf: kind === 'requires' && random() < 0.4 ? pick(['pay', 'auth']) : null,
    };
  });
  return {
    matchedGuidelineIds: guidelines.filter(() => random() < 0.4).map((g) => g.id),
    activeJourneyIds: JOURNEYS.filter(() => random() < 0.5),
    guidelines,
    journeys,
    relationships,
  };
}

/** An independent reading of the endpoint rules, to check the result against. */
function members(input: ResolveRelationshipsInput, endpoint: RelationshipEndpoint): string[] {
  const known = (type: string, id: string) =>
    type === 'guideline'
      ? input.guidelines.some((g) => g.id === id) || input.matchedGuidelineIds.includes(id)
      : input.journeys.some((j) => j.id === id) || input.activeJourneyIds.includes(id);
  switch (endpoint.type) {
    case 'guideline':
    case 'journey':
      return known(endpoint.type, endpoint.id) ? [`${endpoint.type}:${endpoint.id}`] : [];
    case 'tag':
      return [
        ...input.guidelines
          .filter((g) => g.tags.includes(endpoint.id))
          .map((g) => `guideline:${g.id}`),
        ...input.journeys.filter((j) => j.tags.includes(endpoint.id)).map((j) => `journey:${j.id}`),
      ];
    default:
      return [];
  }
}

function isKnownEndpoint(input: ResolveRelationshipsInput, endpoint: RelationshipEndpoint) {
  return endpoint.type === 'tag' || members(input, endpoint).length > 0;
}

describe('resolveRelationships on random graphs', () => {
  it('terminates quickly and accounts for every entity (200 seeded graphs)', () => {
    let slowest = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const input = randomGraph(seed);
      const started = performance.now();
      const result = resolveRelationships(input);
      slowest = Math.max(slowest, performance.now() - started);

      expectAccountedFor(input, result);
      const active = new Set([
        ...result.guidelineIds.map((id) => `guideline:${id}`),
        ...result.journeyIds.map((id) => `journey:${id}`),
      ]);
      const graph = input.relationships.filter(
        (r) => isKnownEndpoint(input, r.source) && isKnownEndpoint(input, r.target),
      );
      for (const r of graph.filter((rel) => rel.kind === 'overrides')) {
        for (const source of members(input, r.source).filter((m) => active.has(m))) {
          const victims = members(input, r.target).filter((m) => m !== source && active.has(m));
          expect(victims, `seed ${seed}: ${r.id} left both sides active`).toEqual([]);
        }
      }
      for (const entity of active) {
        const groups = new Map<string, boolean>();
        graph
          .filter((r) => r.kind === 'requires' && members(input, r.source).includes(entity))
          .forEach((r, n) => {
            const key = r.anyOf === null ? `all${n}` : `${r.source.type}:${r.source.id}:${r.anyOf}`;
            const met = members(input, r.target).some((m) => m !== entity && active.has(m));
            groups.set(key, (groups.get(key) ?? false) || met);
          });
        expect([...groups.values()].every(Boolean), `seed ${seed}: ${entity} unmet`).toBe(true);
      }
      for (const id of result.guidelineIds) {
        const scopes = input.guidelines
          .find((g) => g.id === id)!
          .tags.filter((tag) => tag.startsWith('journey:'))
          .map((tag) => tag.slice('journey:'.length));
        if (scopes.length === 0) continue;
        expect(scopes.some((journeyId) => result.journeyIds.includes(journeyId))).toBe(true);
      }
    }
    expect(slowest).toBeLessThan(250);
  });

  it('gives identical output for shuffled input (50 seeded graphs)', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const input = randomGraph(seed);
      const random = seededRandom(seed * 7919);
      const expected = resolveRelationships(input);
      const again = resolveRelationships({
        ...input,
        guidelines: shuffled(input.guidelines, random),
        journeys: shuffled(input.journeys, random),
        relationships: shuffled(input.relationships, random),
      });
      expect(again, `seed ${seed}`).toEqual(expected);
    }
  });

  it('survives dense cycles of every kind', () => {
    const ids = Array.from({ length: 40 }, (_, n) => `g${n}`);
    const relationships: ResolverRelationship[] = [];
    for (const kind of ['entails', 'overrides', 'requires'] as const) {
      ids.forEach((id, n) => {
        const next = ids[(n + 1) % ids.length]!;
        relationships.push({
          id: `${kind}-${id}`,
          kind,
          source: { type: 'guideline', id },
          target: { type: 'guideline', id: next },
          anyOf: null,
        });
      });
    }
    const started = performance.now();
    const result = resolveRelationships({
      matchedGuidelineIds: ids,
      activeJourneyIds: [],
      guidelines: ids.map((id) => ({ id, tags: [], priority: 0, enabled: true })),
      journeys: [],
      relationships,
    });
    expect(performance.now() - started).toBeLessThan(1000);
    // g0 overrides g1, g2 overrides g3, …: the odd ones go, and then every even one requires
    // an odd one, so the requirement cascade empties the set.
    expect(result.guidelineIds).toEqual([]);
  });
});
