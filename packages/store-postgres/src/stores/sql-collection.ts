import {
  ConflictError,
  type EntityStore,
  NotFoundError,
  type Page,
  type PageOptions,
} from '@conduct/core';
import { buildEntity, parsePatch } from '@conduct/core/internal';
import type { z } from 'zod';
import type { SqlExecutor, SqlRow, SqlValue } from '../driver/sql-driver.js';
import { runSql } from '../driver/sql-errors.js';
import { SqlParams } from '../driver/sql-params.js';
import { ENTITY_COLUMNS, type EntityRow, entityDocument, fromEntityRow } from './entity-rows.js';
import { pageQuery } from './paging.js';

/** How one aggregate is stored and filtered. */
export interface SqlCollectionSpec<Filter> {
  /** Table name (a constant, never user input). */
  table: string;
  /** Entity name used in error messages, e.g. `guideline`. */
  entity: string;
  inputSchema: z.ZodType<{ id?: string | undefined }>;
  patchSchema: z.ZodType<object>;
  /** Part of the behavior model: every write bumps the behavior revision in the same statement. */
  behavior?: boolean;
  /** Its entities have embeddings (`conduct_embeddings`), deleted with them. */
  embedded?: boolean;
  /** SQL conditions (over the `data` document) for a filter; values go through `params`. */
  where?: (filter: Filter | undefined, params: SqlParams) => string[];
}

/**
 * A generic SQL {@link EntityStore}: one table per aggregate with `id`, `created_at` and the
 * rest of the entity as a `jsonb` document. Every write is a single statement, so it is atomic
 * without an explicit transaction; updates merge in SQL, so concurrent updates lose nothing.
 */
export class SqlCollection<
  Entity extends { id: string; createdAt: string },
  Input,
  Patch,
  Filter = Record<string, never>,
> implements EntityStore<Entity, Input, Patch, Filter>
{
  protected readonly db: SqlExecutor;
  protected readonly spec: SqlCollectionSpec<Filter>;

  constructor(db: SqlExecutor, spec: SqlCollectionSpec<Filter>) {
    this.db = db;
    this.spec = spec;
  }

  async create(input: Input): Promise<Entity> {
    const entity = buildEntity(this.spec.inputSchema, input, this.spec.entity);
    const params = new SqlParams();
    const rows = await this.run<EntityRow>(this.insertSql(entity, params), params);
    const row = rows[0];
    if (row === undefined) return this.insertMissed(entity as unknown as Entity);
    return fromEntityRow(row);
  }

  async get(id: string): Promise<Entity> {
    const entity = await this.find(id);
    if (entity === undefined) throw new NotFoundError(this.spec.entity, id);
    return entity;
  }

  async find(id: string): Promise<Entity | undefined> {
    const rows = await this.run<EntityRow>(
      `SELECT ${ENTITY_COLUMNS} FROM ${this.spec.table} WHERE id = $1`,
      [id],
    );
    return rows[0] === undefined ? undefined : fromEntityRow(rows[0]);
  }

  async list(filter?: Filter): Promise<Entity[]> {
    const params = new SqlParams();
    const where = this.spec.where?.(filter, params) ?? [];
    const rows = await this.run<EntityRow>(
      `SELECT ${ENTITY_COLUMNS} FROM ${this.spec.table}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at, id`,
      params,
    );
    return rows.map((row) => fromEntityRow<Entity>(row));
  }

  async update(id: string, patch: Patch): Promise<Entity> {
    let changes: object;
    try {
      changes = parsePatch(this.spec.patchSchema, patch, this.spec.entity);
    } catch (error) {
      // Like the memory store: an unknown id is reported before an invalid patch.
      await this.get(id);
      throw error;
    }
    const params = new SqlParams();
    // `||` replaces top-level keys: exactly `{ ...current, ...changes }`, in one statement.
    const sql = `UPDATE ${this.spec.table} SET data = data || ${params.json(changes)}
      WHERE id = ${params.add(id)} RETURNING ${ENTITY_COLUMNS}`;
    const rows = await this.run<EntityRow>(this.behaviorWrite(sql), params);
    if (rows[0] === undefined) throw new NotFoundError(this.spec.entity, id);
    return fromEntityRow(rows[0]);
  }

  async delete(id: string): Promise<void> {
    const rows = this.spec.embedded
      ? // Data-modifying CTEs must be top-level, so this one bumps the revision itself.
        await this.run(
          `WITH doomed AS (DELETE FROM ${this.spec.table} WHERE id = $1 RETURNING id),
          vectors AS (DELETE FROM conduct_embeddings WHERE entity_type = $2
            AND entity_id IN (SELECT id FROM doomed)),
          bump AS (UPDATE conduct_behavior_revision SET revision = revision + 1
            WHERE ${this.spec.behavior === true ? 'true' : 'false'} AND EXISTS (SELECT 1 FROM doomed))
          SELECT id FROM doomed`,
          [id, this.spec.entity],
        )
      : await this.run(
          this.behaviorWrite(`DELETE FROM ${this.spec.table} WHERE id = $1 RETURNING id`),
          [id],
        );
    if (rows.length === 0) throw new NotFoundError(this.spec.entity, id);
  }

  /** A page of the entities that match `filter`, with the memory store's cursor semantics. */
  protected async pageOf(filter: Filter | undefined, options: PageOptions): Promise<Page<Entity>> {
    const params = new SqlParams();
    const where = this.spec.where?.(filter, params) ?? [];
    const query = pageQuery(this.spec.table, where, params, options);
    const page = query.finish(await this.run<EntityRow & { remaining: number }>(query.sql, params));
    return { ...page, items: page.items.map((row) => fromEntityRow<Entity>(row)) };
  }

  /** The statement that inserts `entity`; it returns no row when the insert did not happen. */
  protected insertSql(entity: { id: string; createdAt: string }, params: SqlParams): string {
    return this.behaviorWrite(
      `INSERT INTO ${this.spec.table} (id, created_at, data)
       VALUES (${params.add(entity.id)}, ${params.add(entity.createdAt)}, ${params.json(entityDocument(entity))})
       ON CONFLICT (id) DO NOTHING RETURNING ${ENTITY_COLUMNS}`,
    );
  }

  /** Explains why {@link insertSql} inserted nothing (by default: the id is taken). */
  protected async insertMissed(entity: Entity): Promise<never> {
    throw new ConflictError(this.spec.entity, entity.id);
  }

  /** Wraps a write that `RETURNING`s its rows so that it bumps the behavior revision if needed. */
  protected behaviorWrite(sql: string): string {
    if (this.spec.behavior !== true) return sql;
    return `WITH changed AS (${sql}),
      bump AS (
        UPDATE conduct_behavior_revision SET revision = revision + 1
        WHERE EXISTS (SELECT 1 FROM changed)
      )
      SELECT * FROM changed`;
  }

  /** Runs a statement, turning data-caused database errors into Conduct errors. */
  protected run<Row extends SqlRow = SqlRow>(
    sql: string,
    params: SqlParams | readonly SqlValue[],
  ): Promise<Row[]> {
    return runSql<Row>(this.db, sql, params instanceof SqlParams ? params.values : params);
  }
}
