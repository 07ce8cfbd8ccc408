/**
 * The operations every aggregate's store shares.
 *
 * Errors: `create` rejects with `ValidationError` on bad input and `ConflictError` when a custom
 * id is taken; `get`, `update` and `delete` reject with `NotFoundError` for an unknown id.
 * Returned entities are copies: mutating them never changes what is stored.
 */
export interface EntityStore<Entity, Input, Patch, Filter = Record<string, never>> {
  create(input: Input): Promise<Entity>;
  /** The entity, or `NotFoundError`. */
  get(id: string): Promise<Entity>;
  /** The entity, or `undefined`. */
  find(id: string): Promise<Entity | undefined>;
  /** Entities ordered by creation time, then id. */
  list(filter?: Filter): Promise<Entity[]>;
  /** Applies the given fields; omitted fields keep their value. */
  update(id: string, patch: Patch): Promise<Entity>;
  delete(id: string): Promise<void>;
}

/** Filter for entities scoped by tags. */
export interface TagFilter {
  /** Keep entities that carry at least one of these tag ids. */
  tags?: string[];
}

/** Options of a paginated listing. */
export interface PageOptions {
  /** Page size, an integer 1..100 (else `ValidationError`); omitted means everything. */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`; an invalid cursor is ignored. */
  cursor?: string;
  /** By creation time then id; ascending by default. */
  sort?: 'asc' | 'desc';
}

/** One page of a listing. */
export interface Page<T> {
  items: T[];
  /** How many items remain from the cursor on (this page included). */
  totalCount: number;
  hasMore: boolean;
  nextCursor: string | null;
}
