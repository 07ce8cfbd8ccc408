import { expect } from 'vitest';
import { ValidationError } from '../../errors/errors.js';
import type { StoredEmbedding } from '../../store/embedding-store.js';
import { storeCheck } from './check.js';
import { createAgent, expectRejection, uid } from './fixtures.js';

function embedding(overrides: Partial<StoredEmbedding> = {}): StoredEmbedding {
  return {
    entityType: 'guideline',
    entityId: uid('entity-'),
    modelId: uid('model-'),
    contentHash: uid('hash-'),
    // Values that are not exact in binary: the store must give back the very same float32s.
    vector: Float32Array.from([0.1, -0.2, 0.3333333, 1e-7, 12345.678]),
    ...overrides,
  };
}

/** `store.embeddings`: vectors by entity, model and content hash. */
export const embeddingChecks = {
  storesAndFinds: storeCheck(
    'gives a vector back only for the same entity, model and content hash',
    async ({ store }) => {
      const a = embedding();
      const b = embedding({ modelId: a.modelId, vector: Float32Array.from([1, 2, 3]) });
      await store.embeddings.putMany([a, b]);
      const found = await store.embeddings.getMany([
        b,
        a,
        { ...a, contentHash: uid('other-') },
        { ...a, modelId: uid('other-model-') },
        { ...a, entityId: uid('unknown-') },
      ]);
      expect(found[0]).toEqual(b.vector);
      expect(found[1]).toEqual(a.vector);
      expect(found[1]).toBeInstanceOf(Float32Array);
      expect(found.slice(2)).toEqual([undefined, undefined, undefined]);
      await store.embeddings.delete(a.entityType, a.entityId);
      await store.embeddings.delete(b.entityType, b.entityId);
    },
  ),

  replacesAndLists: storeCheck(
    'keeps one vector per entity and model, and lists them by entity id',
    async ({ store }) => {
      const modelId = uid('model-');
      const first = embedding({ entityId: `b-${uid()}`, modelId });
      const second = embedding({ entityId: `a-${uid()}`, modelId });
      const otherModel = embedding({ entityId: first.entityId, modelId: uid('model-') });
      await store.embeddings.putMany([first, second, otherModel]);
      const changed = { ...first, contentHash: uid('new-hash-'), vector: Float32Array.from([9]) };
      await store.embeddings.putMany([changed]);
      expect(await store.embeddings.getMany([first, changed])).toEqual([undefined, changed.vector]);
      expect(await store.embeddings.list({ entityType: 'guideline', modelId })).toEqual([
        second,
        changed,
      ]);
      expect(await store.embeddings.delete('guideline', first.entityId)).toBe(2);
      expect(await store.embeddings.delete('guideline', first.entityId)).toBe(0);
      expect(await store.embeddings.list({ entityType: 'guideline', modelId })).toEqual([second]);
      await store.embeddings.delete('guideline', second.entityId);
    },
  ),

  goesWithItsGuideline: storeCheck(
    'deletes a guideline’s vectors with the guideline',
    async (context) => {
      const { store } = context;
      await createAgent(context);
      const guideline = await store.guidelines.create({
        condition: 'the customer asks for a refund',
      });
      const stored = embedding({ entityId: guideline.id });
      await store.embeddings.putMany([stored]);
      await store.guidelines.delete(guideline.id);
      expect(await store.embeddings.getMany([stored])).toEqual([undefined]);
    },
  ),

  rejectsBadVectors: storeCheck('rejects empty and non-finite vectors', async ({ store }) => {
    const empty = embedding({ vector: new Float32Array(0) });
    const notFinite = embedding({ vector: Float32Array.from([1, Number.NaN]) });
    await expectRejection(store.embeddings.putMany([empty]), ValidationError);
    await expectRejection(store.embeddings.putMany([notFinite]), ValidationError);
    await expectRejection(store.embeddings.putMany([embedding({ modelId: ' ' })]), ValidationError);
    expect(await store.embeddings.getMany([empty, notFinite])).toEqual([undefined, undefined]);
  }),
};
