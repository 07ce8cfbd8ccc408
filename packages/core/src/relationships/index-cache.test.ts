import { describe, expect, it } from 'vitest';
import { resolveRelationships } from './resolve-relationships.js';
import { guideline, journey, relation } from './test-fixtures.js';
import type { ResolveRelationshipsInput } from './types.js';

// One behavior snapshot reused across turns, as the engine does.
const snapshot = {
  guidelines: [
    guideline('a', { tags: ['billing'] }),
    guideline('b', { tags: ['billing'] }),
    guideline('c'),
    guideline('d', { tags: ['journey:j1'] }),
  ],
  journeys: [journey('j1')],
  relationships: [
    relation('r1', 'g:a', 'entails', 'g:c'),
    relation('r2', 'g:c', 'overrides', 't:billing'),
    relation('r3', 'g:d', 'requires', 'g:b'),
  ],
} satisfies Omit<ResolveRelationshipsInput, 'matchedGuidelineIds' | 'activeJourneyIds'>;

// The same input with every array copied: never served from the cache.
function fresh(input: ResolveRelationshipsInput): ResolveRelationshipsInput {
  return {
    matchedGuidelineIds: [...input.matchedGuidelineIds],
    activeJourneyIds: [...input.activeJourneyIds],
    guidelines: [...input.guidelines],
    journeys: [...input.journeys],
    relationships: [...input.relationships],
  };
}

describe('resolveRelationships with a reused snapshot', () => {
  const turns: Array<Pick<ResolveRelationshipsInput, 'matchedGuidelineIds' | 'activeJourneyIds'>> =
    [
      { matchedGuidelineIds: ['a'], activeJourneyIds: [] },
      { matchedGuidelineIds: ['b', 'd'], activeJourneyIds: ['j1'] },
      { matchedGuidelineIds: ['d'], activeJourneyIds: [] },
      // A transient guideline (no Guideline object) and an unknown journey pass through.
      { matchedGuidelineIds: ['transient-1', 'a'], activeJourneyIds: ['j-gone'] },
      { matchedGuidelineIds: ['b'], activeJourneyIds: [] },
    ];

  it('gives, turn after turn, exactly what a fresh resolution gives', () => {
    for (const turn of turns) {
      const input = { ...snapshot, ...turn };
      expect(resolveRelationships(input)).toEqual(resolveRelationships(fresh(input)));
    }
  });

  it('picks up a new snapshot (new relationships array) at once', () => {
    const turn = { matchedGuidelineIds: ['a', 'c'], activeJourneyIds: [] };
    const before = resolveRelationships({ ...snapshot, ...turn });
    const edited = {
      ...snapshot,
      relationships: snapshot.relationships.filter((r) => r.id !== 'r2'),
      ...turn,
    };
    const after = resolveRelationships(edited);
    expect(after).toEqual(resolveRelationships(fresh(edited)));
    // Without the override, `a` is no longer dropped.
    expect(before.guidelineIds).not.toContain('a');
    expect(after.guidelineIds).toContain('a');
  });
});
