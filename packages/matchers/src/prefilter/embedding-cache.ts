import { contentId, type Embedder } from '@conduct/core';

// Providers cap the inputs of one request (OpenAI: 2048); stay well below.
const MAX_TEXTS_PER_CALL = 256;

/**
 * Guideline embeddings in memory, by content hash and embedder model id, so a guideline is
 * embedded once per content however many turns rank it. Concurrent turns share in-flight
 * requests. Bounded: the oldest entries are evicted past `maxEntries`.
 */
export class EmbeddingCache {
  readonly #vectors = new Map<string, Promise<Float32Array>>();
  readonly #maxEntries: number;

  constructor(maxEntries = 5_000) {
    this.#maxEntries = maxEntries;
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
  ): Promise<{ documents: Float32Array[]; queries: Float32Array[] }> {
    const missing: { key: string; text: string }[] = [];
    const settle = new Map<string, (vector: Float32Array | Error) => void>();
    const pending = documents.map((text) => {
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
      missing.push({ key, text });
      return vector;
    });
    let vectors: Float32Array[];
    try {
      vectors = await embedAll(embedder, [...missing.map((m) => m.text), ...queries], request);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const [key, done] of settle) {
        this.#vectors.delete(key);
        done(failure);
      }
      throw failure;
    }
    missing.forEach(({ key }, index) => {
      settle.get(key)?.(vectors[index]!);
    });
    this.#evict();
    return { documents: await Promise.all(pending), queries: vectors.slice(missing.length) };
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

/** Cosine similarity; 0 when either vector is all zeros or their lengths differ. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    const x = a[index]!;
    const y = b[index]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
