import { createMemoryStore, type EmbeddingStore } from '@conduct/core';
import { createScriptedEmbedder } from '@conduct/core/testing';
import { describe, expect, it } from 'vitest';
import { electronicsGuidelines, testTurn } from './fixtures/turn-context.js';
import { createRelevanceFilter } from './relevance-filter.js';

const MESSAGE = 'My new laptop battery drains in two hours, is that normal?';

async function turn() {
  return testTurn({ guidelines: electronicsGuidelines(), messages: [['customer', MESSAGE]] });
}

describe('relevance filter with an embedding store', () => {
  it('does not embed guidelines again after a restart, only what changed', async () => {
    const store = createMemoryStore();
    const context = await turn();
    const before = createScriptedEmbedder({ dimensions: 64 });
    await createRelevanceFilter({ embedder: before, embeddingStore: store.embeddings }).select(
      context.guidelines,
      context,
    );
    expect(before.calls[0]!.request.texts).toHaveLength(120 + 2);
    const stored = await store.embeddings.list({
      entityType: 'guideline',
      modelId: `${before.provider}/${before.modelId}`,
    });
    expect(stored).toHaveLength(120);

    // A new process: an empty memory cache, the same store.
    const after = createScriptedEmbedder({ dimensions: 64 });
    const restarted = createRelevanceFilter({ embedder: after, embeddingStore: store.embeddings });
    const edited = context.guidelines.map((g) =>
      g.id === 'g015' ? { ...g, action: 'ask for the purchase date' } : g,
    );
    const first = await restarted.select(edited, context);
    expect(after.calls).toHaveLength(1);
    expect(after.calls[0]!.request.texts).toHaveLength(1 + 2);
    expect(after.calls[0]!.request.texts[0]).toContain('ask for the purchase date');
    // Same ranking as a filter that embedded everything itself.
    const fresh = await createRelevanceFilter({
      embedder: createScriptedEmbedder({ dimensions: 64 }),
    }).select(edited, context);
    expect(first.kept.map((g) => g.id)).toEqual(fresh.kept.map((g) => g.id));
  });

  it('still ranks when the store fails', async () => {
    const failing: EmbeddingStore = {
      getMany: () => Promise.reject(new Error('database down')),
      putMany: () => Promise.reject(new Error('database down')),
      list: () => Promise.reject(new Error('database down')),
      delete: () => Promise.reject(new Error('database down')),
    };
    const embedder = createScriptedEmbedder({ dimensions: 64 });
    const context = await turn();
    const selection = await createRelevanceFilter({ embedder, embeddingStore: failing }).select(
      context.guidelines,
      context,
    );
    expect(selection.skipped.length).toBeGreaterThan(0);
    expect(embedder.calls[0]!.request.texts).toHaveLength(120 + 2);
  });
});
