import type { EmbeddingLookup, EmbeddingStore, StoredEmbedding } from '@conduct/core';
import { assertStorableEmbeddings, nowIso } from '@conduct/core/internal';
import type { SqlExecutor } from '../driver/sql-driver.js';
import { runSql } from '../driver/sql-errors.js';
import { SqlParams } from '../driver/sql-params.js';

interface EmbeddingRow {
  [column: string]: unknown;
  entity_type: string;
  entity_id: string;
  model_id: string;
  content_hash: string;
  vector: string;
}

/** Float32 little-endian bytes, base64 (bytea crosses the driver boundary as text). */
function toBase64(vector: Float32Array): string {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < vector.length; index += 1) {
    view.setFloat32(index * 4, vector[index]!, true);
  }
  return Buffer.from(bytes).toString('base64');
}

function fromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(bytes.byteLength / 4);
  for (let index = 0; index < vector.length; index += 1)
    vector[index] = view.getFloat32(index * 4, true);
  return vector;
}

const COLUMNS = `entity_type, entity_id, model_id, content_hash, encode(vector, 'base64') AS vector`;

/**
 * Embeddings in `conduct_embeddings`: one row per entity and model, the vector as float32
 * bytes. Lookups match the content hash in SQL, so a stale vector never comes back.
 */
export class SqlEmbeddingStore implements EmbeddingStore {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  async getMany(lookups: readonly EmbeddingLookup[]): Promise<(Float32Array | undefined)[]> {
    if (lookups.length === 0) return [];
    const params = new SqlParams();
    const keys = params.json(
      lookups.map((l) => [l.entityType, l.entityId, l.modelId, l.contentHash]),
    );
    const rows = await runSql<EmbeddingRow>(
      this.#db,
      `SELECT ${COLUMNS} FROM conduct_embeddings
       WHERE (entity_type, entity_id, model_id, content_hash) IN (
         SELECT k->>0, k->>1, k->>2, k->>3 FROM jsonb_array_elements(${keys}) AS k)`,
      params.values,
    );
    const found = new Map(
      rows.map((row) => [
        JSON.stringify([row.entity_type, row.entity_id, row.model_id, row.content_hash]),
        row.vector,
      ]),
    );
    return lookups.map((l) => {
      const text = found.get(JSON.stringify([l.entityType, l.entityId, l.modelId, l.contentHash]));
      return text === undefined ? undefined : fromBase64(text);
    });
  }

  async putMany(embeddings: readonly StoredEmbedding[]): Promise<void> {
    if (embeddings.length === 0) return;
    assertStorableEmbeddings(embeddings);
    // The last vector given for an entity and model wins, as in a loop of single puts.
    const latest = new Map(
      embeddings.map((e) => [JSON.stringify([e.entityType, e.entityId, e.modelId]), e]),
    );
    const params = new SqlParams();
    const rows = params.json(
      [...latest.values()].map((e) => [
        e.entityType,
        e.entityId,
        e.modelId,
        e.contentHash,
        e.vector.length,
        toBase64(e.vector),
      ]),
    );
    await runSql(
      this.#db,
      `INSERT INTO conduct_embeddings AS t
         (entity_type, entity_id, model_id, content_hash, dimensions, vector, updated_at)
       SELECT r->>0, r->>1, r->>2, r->>3, (r->>4)::int, decode(r->>5, 'base64'), ${params.add(nowIso())}
       FROM jsonb_array_elements(${rows}) AS r
       ON CONFLICT (entity_type, entity_id, model_id) DO UPDATE SET
         content_hash = excluded.content_hash, dimensions = excluded.dimensions,
         vector = excluded.vector, updated_at = excluded.updated_at`,
      params.values,
    );
  }

  async list(filter: { entityType: string; modelId: string }): Promise<StoredEmbedding[]> {
    const rows = await runSql<EmbeddingRow>(
      this.#db,
      `SELECT ${COLUMNS} FROM conduct_embeddings
       WHERE entity_type = $1 AND model_id = $2 ORDER BY entity_id`,
      [filter.entityType, filter.modelId],
    );
    return rows.map((row) => ({
      entityType: row.entity_type,
      entityId: row.entity_id,
      modelId: row.model_id,
      contentHash: row.content_hash,
      vector: fromBase64(row.vector),
    }));
  }

  async delete(entityType: string, entityId: string): Promise<number> {
    const rows = await runSql(
      this.#db,
      'DELETE FROM conduct_embeddings WHERE entity_type = $1 AND entity_id = $2 RETURNING 1',
      [entityType, entityId],
    );
    return rows.length;
  }
}
