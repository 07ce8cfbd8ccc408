import { assertStorableEmbeddings } from '../embedding-input.js';
import type { EmbeddingLookup, EmbeddingStore, StoredEmbedding } from '../embedding-store.js';
import type { MemoryJournal } from './memory-journal.js';

const keyOf = (entityType: string, entityId: string) => JSON.stringify([entityType, entityId]);

/** In-memory embeddings: per entity, one vector per model. */
export class MemoryEmbeddingStore implements EmbeddingStore {
  /** By entity key, then by model id. */
  readonly #byEntity = new Map<string, Map<string, StoredEmbedding>>();
  readonly #journal: MemoryJournal | undefined;

  /** @param journal the store's transactions (changes are undone when one rolls back). */
  constructor(journal?: MemoryJournal) {
    this.#journal = journal;
  }

  async getMany(lookups: readonly EmbeddingLookup[]): Promise<(Float32Array | undefined)[]> {
    return lookups.map((lookup) => {
      const stored = this.#byEntity
        .get(keyOf(lookup.entityType, lookup.entityId))
        ?.get(lookup.modelId);
      return stored?.contentHash === lookup.contentHash ? stored.vector.slice() : undefined;
    });
  }

  async putMany(embeddings: readonly StoredEmbedding[]): Promise<void> {
    assertStorableEmbeddings(embeddings);
    for (const embedding of embeddings) {
      const key = keyOf(embedding.entityType, embedding.entityId);
      this.#touch(key);
      const models = this.#byEntity.get(key) ?? new Map<string, StoredEmbedding>();
      models.set(embedding.modelId, { ...embedding, vector: embedding.vector.slice() });
      this.#byEntity.set(key, models);
    }
  }

  async list(filter: { entityType: string; modelId: string }): Promise<StoredEmbedding[]> {
    const found: StoredEmbedding[] = [];
    for (const models of this.#byEntity.values()) {
      const stored = models.get(filter.modelId);
      if (stored?.entityType === filter.entityType)
        found.push({ ...stored, vector: stored.vector.slice() });
    }
    return found.sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0));
  }

  async delete(entityType: string, entityId: string): Promise<number> {
    const key = keyOf(entityType, entityId);
    const count = this.#byEntity.get(key)?.size ?? 0;
    if (count > 0) this.#touch(key);
    this.#byEntity.delete(key);
    return count;
  }

  #touch(key: string): void {
    this.#journal?.touch(`embeddings:${key}`, () => {
      const before = this.#byEntity.get(key);
      const copy = before === undefined ? undefined : new Map(before);
      return () => {
        if (copy === undefined) this.#byEntity.delete(key);
        else this.#byEntity.set(key, copy);
      };
    });
  }
}
