/** Which entity a vector belongs to, and which embedding model made it. */
export interface EmbeddingKey {
  /** Kind of entity, e.g. `guideline`. */
  entityType: string;
  entityId: string;
  /** The embedder that made the vector, e.g. `openai/text-embedding-3-small`. */
  modelId: string;
}

/** A stored embedding: the vector of one entity's content, by one model. */
export interface StoredEmbedding extends EmbeddingKey {
  /**
   * Hash of the exact text that was embedded (e.g. `contentId(text)`): a vector is only reused
   * while the entity's content still has this hash.
   */
  contentHash: string;
  vector: Float32Array;
}

/** A lookup: the vector of this entity by this model, if it was made from this content. */
export interface EmbeddingLookup extends EmbeddingKey {
  contentHash: string;
}

/**
 * Embeddings stored beside their entities — one vector per entity and model, with the hash of
 * the content it was made from — so a restarted process does not embed everything again.
 * Similarity search happens in process (per-agent sets are small): `list` returns the vectors
 * to rank. Deleting a guideline deletes its embeddings.
 */
export interface EmbeddingStore {
  /**
   * The stored vector for each lookup, in order; `undefined` where there is none, or where the
   * stored one was made from other content (another `contentHash`).
   */
  getMany(lookups: readonly EmbeddingLookup[]): Promise<(Float32Array | undefined)[]>;
  /**
   * Stores vectors, replacing the entity's previous vector by the same model. Rejects with
   * `ValidationError` for an empty or non-finite vector.
   */
  putMany(embeddings: readonly StoredEmbedding[]): Promise<void>;
  /** Every vector of one kind of entity by one model, ordered by entity id. */
  list(filter: { entityType: string; modelId: string }): Promise<StoredEmbedding[]>;
  /** Deletes every vector of the entity (all models); returns how many were deleted. */
  delete(entityType: string, entityId: string): Promise<number>;
}
