import type { Embedder } from '@conduct/core';
import { createScriptedEmbedder } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { electronicsGuidelines, testTurn } from './fixtures/turn-context.js';
import { createRelevanceFilter } from './relevance-filter.js';

const BATTERY = 'My new laptop battery drains in two hours, is that normal?';

async function turn(message: string, recentlyMatched?: string[][]) {
  return testTurn({
    guidelines: electronicsGuidelines(),
    messages: [['customer', message]],
    ...(recentlyMatched === undefined ? {} : { recentlyMatched }),
  });
}

describe('relevance filter with an embedder', () => {
  it('ranks the relevant guideline high by cosine similarity', async () => {
    const embedder = createScriptedEmbedder({ dimensions: 1024 });
    const filter = createRelevanceFilter({ embedder, topK: 3 });
    const context = await turn(BATTERY);
    const selection = await filter.select(context.guidelines, context);
    expect(selection.kept.map((g) => g.id)).toContain('g015');
    expect(selection.skipped[0]?.reason).toMatch(
      /^low relevance \(rank \d+ of 120, cosine -?[\d.]+, top 3 kept\)$/,
    );
  });

  it('embeds each guideline once across turns, and the query every turn, in one call', async () => {
    const embedder = createScriptedEmbedder({ dimensions: 256 });
    const filter = createRelevanceFilter({ embedder });
    const first = await turn(BATTERY);
    await filter.select(first.guidelines, first);
    const second = await turn('Do you have student discounts?');
    await filter.select(second.guidelines, second);

    expect(embedder.calls).toHaveLength(2);
    const texts = embedder.calls.flatMap((call) => call.request.texts);
    expect(
      texts.filter((text) => text.includes('laptop battery drains very quickly')),
    ).toHaveLength(1);
    expect(embedder.calls[0]!.request.texts).toHaveLength(120 + 2);
    // Second turn: only the queries (the latest message, and the recent window).
    expect(embedder.calls[1]!.request.texts).toEqual([
      'Do you have student discounts?',
      'Do you have student discounts?',
    ]);
  });

  it('re-embeds when the content or the embedder model changes', async () => {
    const embedder = createScriptedEmbedder({ dimensions: 64 });
    const filter = createRelevanceFilter({ embedder });
    const context = await turn(BATTERY);
    await filter.select(context.guidelines, context);
    const edited = context.guidelines.map((g) =>
      g.id === 'g015' ? { ...g, action: 'ask for the purchase date' } : g,
    );
    await filter.select(edited, context);
    expect(embedder.calls[1]!.request.texts).toHaveLength(1 + 2);
    expect(embedder.calls[1]!.request.texts[0]).toContain('ask for the purchase date');

    const other = createScriptedEmbedder({ dimensions: 64, modelId: 'other-model' });
    const switched = createRelevanceFilter({ embedder: other });
    await switched.select(context.guidelines, context);
    expect(other.calls[0]!.request.texts).toHaveLength(122);
  });

  it('falls back to lexical ranking for the turn when the embedder fails, and says so', async () => {
    let failures = 1;
    const scripted = createScriptedEmbedder();
    const flaky: Embedder = {
      provider: 'flaky',
      modelId: 'flaky-1',
      embed: async (request) => {
        if (failures-- > 0) throw new Error('quota exceeded');
        return scripted.embed(request);
      },
    };
    const filter = createRelevanceFilter({ embedder: flaky });
    const context = await turn(BATTERY);
    const selection = await filter.select(context.guidelines, context);
    expect(selection.kept).toHaveLength(36);
    expect(selection.kept.map((g) => g.id)).toContain('g015');
    expect(selection.skipped[0]?.reason).toMatch(
      /^low relevance \(rank \d+ of 120, bm25 [\d.]+, top 36 kept; embedder failed, ranked lexically: quota exceeded\)$/,
    );
    // The failure is not cached: the next turn uses the embedder again.
    const next = await filter.select(context.guidelines, context);
    expect(next.skipped[0]?.reason).toContain('cosine');
    expect(scripted.calls[0]!.request.texts).toHaveLength(122);
  });

  it('does not fall back when the turn was cancelled', async () => {
    const embedder = createScriptedEmbedder({ latencyMs: 1_000 });
    const filter = createRelevanceFilter({ embedder });
    const context = await turn(BATTERY);
    const controller = new AbortController();
    const selecting = filter.select(context.guidelines, { ...context, signal: controller.signal });
    controller.abort();
    await expect(selecting).rejects.toThrow();
  });

  it('shares one in-flight embedding between concurrent turns', async () => {
    const embedder = createScriptedEmbedder({ latencyMs: 10 });
    const filter = createRelevanceFilter({ embedder });
    const a = await turn(BATTERY);
    const b = await turn('Do you have student discounts?');
    await Promise.all([filter.select(a.guidelines, a), filter.select(b.guidelines, b)]);
    const guidelineTexts = embedder.calls.flatMap((call) => call.request.texts).length - 4;
    expect(guidelineTexts).toBe(120);
  });
});
