import type { Embedder, EmbeddingStore } from '@conduct/core';
import { contentId } from '@conduct/core/internal';

// Providers cap the inputs of one request (OpenAI: 2048); stay well below.
const MAX_TEXTS_PER_CALL = 256;

/** Which stored entities the documents are, so their vectors can be kept in a store. */
export interface DocumentEntities {
  /** Kind of entity, e.g. `guideline`. */
  type: string;
  /** The entity of each document, in order. */
  ids: readonly string[];
}

/**
 * Guideline embeddings in memory, by content hash and embedder model id, so a guideline is
 * embedded once per content however many turns rank it. Concurrent turns share in-flight
 * requests. Bounded: the oldest entries are evicted past `maxEntries`. With a `store` (e.g.
 * `store.embeddings`), vectors are also kept beside their entities: what memory misses is read
 * from the store before anything is embedded, so a restarted process does not embed again.
 */
export class EmbeddingCache {
  readonly #vectors = new Map<string, Promise<Float32Array>>();
  readonly #maxEntries: number;
  readonly #store: EmbeddingStore | undefined;

  constructor(maxEntries = 5_000, store?: EmbeddingStore) {
    this.#maxEntries = maxEntries;
    this.#store = store;
  }

  /** Entries held (settled or in flight). */
  get size(): number {
    return this.#vectors.size;
  }

  /**
   * Vectors of `documents` (cached) and of `queries` (never cached: they change every turn),
   * fetched with as few calls as possible: the uncached documents and the queries go together.
   */
  async embed(
    embedder: Embedder,
    documents: readonly string[],
    queries: readonly string[],
    request: { signal?: AbortSignal; traceId?: string },
    entities?: DocumentEntities,
  ): Promise<{ documents: Float32Array[]; queries: Float32Array[] }> {
    const missing: { key: string; text: string; entityId: string | undefined }[] = [];
    const settle = new Map<string, (vector: Float32Array | Error) => void>();
    const pending = documents.map((text, index) => {
      const key = contentId(embedder.provider, embedder.modelId, text);
      const cached = this.#vectors.get(key);
      if (cached !== undefined) {
        // Re-inserting keeps the map in least-recently-used order for eviction.
        this.#vectors.delete(key);
        this.#vectors.set(key, cached);
        return cached;
      }
      const vector = new Promise<Float32Array>((resolve, reject) => {
        settle.set(key, (v) => (v instanceof Error ? reject(v) : resolve(v)));
      });
      // Whoever reads a rejection handles it; this only silences the ones nobody reads.
      vector.catch(() => undefined);
      this.#vectors.set(key, vector);
      missing.push({ key, text, entityId: entities?.ids[index] });
      return vector;
    });
    const modelId = `${embedder.provider}/${embedder.modelId}`;
    const stored = await this.#fromStore(missing, entities?.type, modelId);
    const toEmbed = missing.filter((_, index) => stored[index] === undefined);
    missing.forEach(({ key }, index) => {
      const vector = stored[index];
      if (vector !== undefined) settle.get(key)?.(vector);
    });
    let vectors: Float32Array[];
    try {
      vectors = await embedAll(embedder, [...toEmbed.map((m) => m.text), ...queries], request);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const { key } of toEmbed) {
        this.#vectors.delete(key);
        settle.get(key)?.(failure);
      }
      throw failure;
    }
    toEmbed.forEach(({ key }, index) => {
      settle.get(key)?.(vectors[index]!);
    });
    await this.#toStore(toEmbed, vectors, entities?.type, modelId);
    this.#evict();
    return { documents: await Promise.all(pending), queries: vectors.slice(toEmbed.length) };
  }

  /** Vectors of the missing documents that the store has (a failing store has none). */
  async #fromStore(
    missing: readonly { text: string; entityId: string | undefined }[],
    entityType: string | undefined,
    modelId: string,
  ): Promise<(Float32Array | undefined)[]> {
    const lookups = missing.flatMap(({ text, entityId }) =>
      entityId === undefined || entityType === undefined
        ? []
        : [{ entityType, entityId, modelId, contentHash: contentId(text) }],
    );
    if (this.#store === undefined || lookups.length !== missing.length || lookups.length === 0)
      return [];
    return this.#store.getMany(lookups).catch(() => []);
  }

  /** Keeps new vectors in the store; ranking never fails because the store does. */
  async #toStore(
    embedded: readonly { text: string; entityId: string | undefined }[],
    vectors: readonly Float32Array[],
    entityType: string | undefined,
    modelId: string,
  ): Promise<void> {
    if (this.#store === undefined || entityType === undefined) return;
    const entries = embedded.flatMap(({ text, entityId }, index) =>
      entityId === undefined
        ? []
        : [
            {
              entityType,
              entityId,
              modelId,
              contentHash: contentId(text),
              vector: vectors[index]!,
            },
          ],
    );
    if (entries.length > 0) await this.#store.putMany(entries).catch(() => undefined);
  }

  #evict(): void {
    for (const key of this.#vectors.keys()) {
      if (this.#vectors.size <= this.#maxEntries) break;
      this.#vectors.delete(key);
    }
  }
}

async function embedAll(
  embedder: Embedder,
  texts: readonly string[],
  request: { signal?: AbortSignal; traceId?: string },
): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  const chunks: string[][] = [];
  for (let start = 0; start < texts.length; start += MAX_TEXTS_PER_CALL) {
    chunks.push(texts.slice(start, start + MAX_TEXTS_PER_CALL));
  }
  const results = await Promise.all(
    chunks.map((chunk) =>
      embedder.embed({ texts: chunk, task: 'relevance-prefilter', ...request }),
    ),
  );
  return results.flatMap((result, index) => {
    if (result.embeddings.length !== chunks[index]!.length) {
      throw new Error(
        `the embedder returned ${result.embeddings.length} vectors for ${chunks[index]!.length} texts`,
      );
    }
    return result.embeddings.map((vector) => Float32Array.from(vector));
  });
}

/** Cosine similarity (shared with core's grounding). */
export { cosineSimilarity as cosine } from '@conduct/core/internal';
