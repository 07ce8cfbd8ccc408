import { ValidationError } from '../errors/errors.js';
import type { StoredEmbedding } from './embedding-store.js';

/** Rejects embeddings no store should keep: empty vectors, non-finite numbers, blank keys. */
export function assertStorableEmbeddings(embeddings: readonly StoredEmbedding[]): void {
  embeddings.forEach((embedding, index) => {
    const problem = embeddingProblem(embedding);
    if (problem === undefined) return;
    throw new ValidationError(
      `Invalid embedding of ${embedding.entityType} '${embedding.entityId}': ${problem}`,
      [{ path: [index], message: problem, type: 'invalid_embedding' }],
    );
  });
}

function embeddingProblem(embedding: StoredEmbedding): string | undefined {
  for (const field of ['entityType', 'entityId', 'modelId', 'contentHash'] as const) {
    if (typeof embedding[field] !== 'string' || embedding[field].trim() === '')
      return `${field} must be a non-empty string`;
  }
  if (!(embedding.vector instanceof Float32Array) || embedding.vector.length === 0)
    return 'vector must be a non-empty Float32Array';
  if (!embedding.vector.every(Number.isFinite)) return 'vector must hold finite numbers only';
  return undefined;
}
