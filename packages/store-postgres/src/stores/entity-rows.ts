/** How an entity row comes back from SQL: its document as JSON text. */
export interface EntityRow {
  [column: string]: unknown;
  id: string;
  created_at: string;
  data: string;
}

/** The columns to select for {@link fromEntityRow}. */
export const ENTITY_COLUMNS = 'id, created_at, data::text AS data';

/** What goes into the `data` column: the entity without the fields that have their own column. */
export function entityDocument(entity: { id: string; createdAt: string }): Record<string, unknown> {
  const { id: _id, createdAt: _createdAt, ...document } = entity;
  return document;
}

/** Rebuilds an entity from its row (a fresh object every time: callers may mutate it). */
export function fromEntityRow<Entity>(row: EntityRow): Entity {
  return { id: row.id, ...JSON.parse(row.data), createdAt: row.created_at } as Entity;
}
