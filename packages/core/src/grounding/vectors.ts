import type { Embedder } from '../model/language-model.js';
import { contentId } from '../util/content-id.js';

/** Cosine similarity; 0 when either vector is all zeros or their lengths differ. */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
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

const MAX_CACHED = 5_000;
// Per embedder object, so two engines with the same embedder share vectors and a dropped
// embedder frees them.
const documentVectors = new WeakMap<Embedder, Map<string, readonly number[]>>();

/**
 * Embeds `query` and `documents` in one call, reusing document vectors embedded before by the
 * same embedder (documents are terms and capabilities: they rarely change, the query changes
 * every turn). Returns the similarity of each document to the query, in order.
 */
export async function similarityToQuery(
  embedder: Embedder,
  query: string,
  documents: readonly string[],
  request: { signal?: AbortSignal; traceId?: string },
): Promise<number[]> {
  let cache = documentVectors.get(embedder);
  if (cache === undefined) {
    cache = new Map();
    documentVectors.set(embedder, cache);
  }
  const keys = documents.map((text) => contentId(embedder.modelId, text));
  const missing = [...new Set(documents.filter((_, index) => !cache.has(keys[index]!)))];
  const result = await embedder.embed({
    texts: [query, ...missing],
    task: 'grounding',
    ...request,
  });
  if (result.embeddings.length !== missing.length + 1) {
    throw new Error(
      `the embedder returned ${result.embeddings.length} vectors for ${missing.length + 1} texts`,
    );
  }
  missing.forEach((text, index) => {
    cache.set(contentId(embedder.modelId, text), result.embeddings[index + 1]!);
  });
  const queryVector = result.embeddings[0]!;
  const similarities = keys.map((key) => {
    const vector = cache.get(key);
    return vector === undefined ? 0 : cosineSimilarity(queryVector, vector);
  });
  // Oldest first: evicting from the front keeps the map bounded.
  for (const key of cache.keys()) {
    if (cache.size <= MAX_CACHED) break;
    cache.delete(key);
  }
  return similarities;
}
