import { describe, expect, it } from 'vitest';
import { abc, type Case, G } from './case-kit.js';
import { entailsAndOverridesCases } from './entails-overrides.cases.js';
import { handOffCases } from './hand-offs.cases.js';
import { requiresAndJourneyCases } from './requires-journeys.cases.js';
import { resolveRelationships } from './resolve-relationships.js';
import { expectAccountedFor, relation, seededRandom, shuffled } from './test-fixtures.js';
import type { ResolveRelationshipsInput } from './types.js';

const cases: Case[] = [...entailsAndOverridesCases, ...requiresAndJourneyCases, ...handOffCases];

function inputOf(testCase: Case): ResolveRelationshipsInput {
  return {
    matchedGuidelineIds: testCase.matched,
    activeJourneyIds: testCase.active ?? [],
    guidelines: testCase.guidelines,
    journeys: testCase.journeys ?? [],
    relationships: testCase.relationships,
  };
}

describe('resolveRelationships', () => {
  it.each(cases)('$name', (testCase) => {
    const input = inputOf(testCase);
    const result = resolveRelationships(input);
    expect(result.guidelineIds).toEqual(testCase.expected);
    expect(result.journeyIds).toEqual(testCase.expectedJourneys ?? []);
    for (const expected of testCase.reasons ?? []) {
      expect(result.reasons).toContainEqual(expect.objectContaining(expected));
    }
    for (const entity of testCase.silent ?? []) {
      expect(result.reasons.filter((r) => r.entity.id === entity.id)).toEqual([]);
    }
    if (testCase.disambiguations) expect(result.disambiguations).toEqual(testCase.disambiguations);
    if (testCase.reevaluate) expect(result.reevaluateAfterTools).toEqual(testCase.reevaluate);
    expectAccountedFor(input, result);
  });

  it.each(cases)('is independent of input order: $name', (testCase) => {
    const input = inputOf(testCase);
    const expected = resolveRelationships(input);
    const random = seededRandom(testCase.name.length);
    for (let run = 0; run < 5; run++) {
      const shuffledInput: ResolveRelationshipsInput = {
        ...input,
        guidelines: shuffled(input.guidelines, random),
        journeys: shuffled(input.journeys, random),
        relationships: shuffled(input.relationships, random),
      };
      expect(resolveRelationships(shuffledInput)).toEqual(expected);
    }
  });

  it('explains drops in words that name both entities', () => {
    const result = resolveRelationships({
      matchedGuidelineIds: ['a', 'b'],
      activeJourneyIds: [],
      guidelines: abc,
      journeys: [],
      relationships: [relation('r1', 'g:a', 'overrides', 'g:b')],
    });
    expect(result.reasons).toEqual([
      {
        entity: G('b'),
        change: 'dropped',
        rule: 'overrides',
        relationshipId: 'r1',
        because: G('a'),
        explanation: 'guideline "b" is overridden by guideline "a".',
      },
    ]);
  });

  it('does not mutate its input', () => {
    const input = inputOf(cases.find((c) => c.name.startsWith('overrides between tags'))!);
    const snapshot = structuredClone(input);
    resolveRelationships(input);
    expect(input).toEqual(snapshot);
  });
});
