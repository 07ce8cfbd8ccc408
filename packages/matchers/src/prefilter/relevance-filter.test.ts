import type { GuidelineInput } from '@conduct/core';
import { describe, expect, it } from 'vitest';
import { authorClassification } from '../classification/classification-facts.js';
import { electronicsGuidelines, testTurn } from './fixtures/turn-context.js';
import { createRelevanceFilter } from './relevance-filter.js';
import { relevanceQuery } from './relevance-query.js';
import { lexicalScores } from './relevance-scores.js';

const BATTERY = 'My new laptop battery drains in two hours, is that normal?';

function topIds(scores: number[], ids: string[], count: number): string[] {
  return scores
    .map((score, index) => ({ score, id: ids[index]! }))
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map(({ id }) => id);
}

describe('lexical ranking (BM25)', () => {
  it.each([
    [BATTERY, 'g015'],
    ['Can I pay for a TV in monthly installments?', 'g056'],
    ['My package says delivered but nothing arrived', 'g004'],
    ['my earbuds keep disconnecting, how do I pair them with bluetooth again', 'g037'],
  ])('ranks the obviously relevant guideline first among 100: %s', async (message, expected) => {
    const context = await testTurn({
      guidelines: electronicsGuidelines(100),
      messages: [['customer', message]],
    });
    const { scores } = lexicalScores(context.guidelines, relevanceQuery(context));
    expect(
      topIds(
        scores,
        context.guidelines.map((g) => g.id),
        1,
      ),
    ).toEqual([expected]);
  });

  it('lets a terse answer inherit the topic of the question it answers', async () => {
    const context = await testTurn({
      guidelines: electronicsGuidelines(),
      messages: [
        ['customer', 'I need new headphones'],
        ['agent', 'Happy to help! Is noise cancelling important to you?'],
        ['customer', 'Yes, definitely'],
      ],
    });
    const { scores } = lexicalScores(context.guidelines, relevanceQuery(context));
    expect(
      topIds(
        scores,
        context.guidelines.map((g) => g.id),
        3,
      ),
    ).toContain('g038');
  });
});

describe('createRelevanceFilter', () => {
  it('is inactive up to the threshold and active above it', async () => {
    const filter = createRelevanceFilter();
    const small = await testTurn({
      guidelines: electronicsGuidelines(40),
      messages: [['customer', BATTERY]],
    });
    expect(await filter.select(small.guidelines, small)).toEqual({
      kept: small.guidelines,
      skipped: [],
    });
    const large = await testTurn({
      guidelines: electronicsGuidelines(41),
      messages: [['customer', BATTERY]],
    });
    const selection = await filter.select(large.guidelines, large);
    expect(selection.kept).toHaveLength(20);
    expect(selection.skipped).toHaveLength(21);
  });

  it('keeps a generous top K and records every skipped guideline with its rank and score', async () => {
    const context = await testTurn({
      guidelines: electronicsGuidelines(),
      messages: [['customer', BATTERY]],
    });
    const selection = await createRelevanceFilter().select(context.guidelines, context);
    expect(selection.kept).toHaveLength(36); // max(20, 30% of 120)
    expect(selection.kept.map((g) => g.id)).toContain('g015');
    expect(selection.skipped).toHaveLength(84);
    for (const { reason } of selection.skipped) {
      expect(reason).toMatch(/^low relevance \(rank \d+ of 120, bm25 \d+(\.\d+)?, top 36 kept\)$/);
    }
    const ranks = selection.skipped.map(({ reason }) => Number(/rank (\d+)/.exec(reason)?.[1]));
    expect(Math.min(...ranks)).toBe(37);
    expect(
      new Set(
        [...selection.kept, ...selection.skipped].map((e) => ('id' in e ? e.id : e.guidelineId)),
      ).size,
    ).toBe(120);
  });

  it('takes topK as a number or a function of the candidate count', async () => {
    const context = await testTurn({
      guidelines: electronicsGuidelines(),
      messages: [['customer', BATTERY]],
    });
    const fixed = await createRelevanceFilter({ topK: 5 }).select(context.guidelines, context);
    expect(fixed.kept).toHaveLength(5);
    const half = await createRelevanceFilter({ topK: (n) => n / 2 }).select(
      context.guidelines,
      context,
    );
    expect(half.kept).toHaveLength(60);
  });

  it('always keeps guidelines matched in recent turns, however irrelevant now', async () => {
    const context = await testTurn({
      guidelines: electronicsGuidelines(),
      messages: [['customer', BATTERY]],
      recentlyMatched: [['g069'], ['g093', 'g118'], ['g119'], ['g120']],
    });
    const kept = (await createRelevanceFilter({ topK: 5 }).select(context.guidelines, context))
      .kept;
    const ids = kept.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining(['g069', 'g093', 'g118', 'g119']));
    expect(ids).not.toContain('g120'); // matched four turns ago: beyond the default 3
    expect(kept).toHaveLength(9);
  });

  it('always keeps alwaysConsider and continuous guidelines, or what alwaysKeep says', async () => {
    const guidelines: GuidelineInput[] = electronicsGuidelines();
    guidelines[79] = { ...guidelines[79]!, metadata: { alwaysConsider: true } };
    guidelines[114] = {
      ...guidelines[114]!,
      classification: authorClassification({ continuous: true }),
    };
    const context = await testTurn({ guidelines, messages: [['customer', BATTERY]] });
    const byDefault = await createRelevanceFilter({ topK: 5 }).select(context.guidelines, context);
    expect(byDefault.kept.map((g) => g.id)).toEqual(expect.arrayContaining(['g080', 'g115']));
    expect(byDefault.kept).toHaveLength(7);

    const custom = await createRelevanceFilter({
      topK: 5,
      alwaysKeep: (guideline) => guideline.criticality === 'high' || guideline.id === 'g100',
    }).select(context.guidelines, context);
    expect(custom.kept.map((g) => g.id)).toContain('g100');
    expect(custom.kept.map((g) => g.id)).not.toContain('g080');
  });

  it('keeps what kept guidelines require, and what may override them', async () => {
    const context = await testTurn({
      guidelines: electronicsGuidelines().map((g) =>
        g.id === 'g116' || g.id === 'g117' ? { ...g, tags: ['business'] } : g,
      ),
      messages: [['customer', BATTERY]],
      relationships: [
        // The battery guideline only applies while the protection-plan one is active…
        {
          kind: 'requires',
          source: { type: 'guideline', id: 'g015' },
          target: { type: 'guideline', id: 'g017' },
        },
        // …which itself requires one of the business-tagged guidelines.
        {
          kind: 'requires',
          source: { type: 'guideline', id: 'g017' },
          target: { type: 'tag', id: 'business' },
        },
        // A VIP rule that overrides the battery guideline.
        {
          kind: 'overrides',
          source: { type: 'guideline', id: 'g119' },
          target: { type: 'guideline', id: 'g015' },
        },
        // Entailed guidelines are added by the resolver; nothing to keep.
        {
          kind: 'entails',
          source: { type: 'guideline', id: 'g015' },
          target: { type: 'guideline', id: 'g120' },
        },
      ],
    });
    const ids = (
      await createRelevanceFilter({ topK: 1 }).select(context.guidelines, context)
    ).kept.map((g) => g.id);
    expect(ids.sort()).toEqual(['g015', 'g017', 'g116', 'g117', 'g119']);
  });

  it('keeps everything when the conversation gives nothing to rank by', async () => {
    const context = await testTurn({
      guidelines: electronicsGuidelines(),
      messages: [['customer', 'Hi!']],
    });
    const selection = await createRelevanceFilter().select(context.guidelines, context);
    expect(selection.kept).toHaveLength(120);
    expect(selection.skipped).toEqual([]);
  });
});
