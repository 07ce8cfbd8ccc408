import {
  ConflictError,
  type Feedback,
  type FeedbackFilter,
  type FeedbackInput,
  type FeedbackStore,
  feedbackInputSchema,
  feedbackSchema,
  NotFoundError,
  type Page,
  type PageOptions,
} from '@conduct/core';
import { buildEntity, normalizeFeedbackFilter } from '@conduct/core/internal';
import type { SqlExecutor } from '../driver/sql-driver.js';
import { runSql, SqlState, sqlState } from '../driver/sql-errors.js';
import { SqlParams } from '../driver/sql-params.js';
import { ENTITY_COLUMNS, type EntityRow, entityDocument, fromEntityRow } from './entity-rows.js';
import { pageQuery } from './paging.js';

/** SQL conditions of a normalized feedback filter (the columns match the feedback indexes). */
function feedbackWhere(filter: FeedbackFilter, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filter.sessionId !== undefined)
    conditions.push(`session_id = ${params.add(filter.sessionId)}`);
  if (filter.agentId !== undefined) conditions.push(`agent_id = ${params.add(filter.agentId)}`);
  if (filter.since !== undefined) conditions.push(`created_at >= ${params.add(filter.since)}`);
  if (filter.until !== undefined) conditions.push(`created_at < ${params.add(filter.until)}`);
  return conditions;
}

/**
 * Feedback in SQL, one row each with the rest of it as a `jsonb` document. Feedback belongs to
 * an existing session (a `NotFoundError` otherwise) and goes when the session goes (a foreign
 * key cascade, as for its events and turn records).
 */
export class SqlFeedbackStore implements FeedbackStore {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  async create(input: FeedbackInput): Promise<Feedback> {
    const feedback: Feedback = buildEntity(feedbackInputSchema, input, 'feedback');
    const params = new SqlParams();
    let rows: EntityRow[];
    try {
      rows = await runSql<EntityRow>(
        this.#db,
        `INSERT INTO conduct_feedback (id, session_id, agent_id, created_at, data)
         VALUES (${params.add(feedback.id)}, ${params.add(feedback.sessionId)},
           ${params.add(feedback.agentId)}, ${params.add(feedback.createdAt)},
           ${params.json(entityDocument(feedback))})
         ON CONFLICT (id) DO NOTHING RETURNING ${ENTITY_COLUMNS}`,
        params.values,
      );
    } catch (error) {
      if (sqlState(error) === SqlState.foreignKeyViolation) {
        throw new NotFoundError('session', feedback.sessionId);
      }
      throw error;
    }
    if (rows[0] === undefined) throw new ConflictError('feedback', feedback.id);
    return readFeedback(rows[0]);
  }

  async get(id: string): Promise<Feedback> {
    const rows = await runSql<EntityRow>(
      this.#db,
      `SELECT ${ENTITY_COLUMNS} FROM conduct_feedback WHERE id = $1`,
      [id],
    );
    if (rows[0] === undefined) throw new NotFoundError('feedback', id);
    return readFeedback(rows[0]);
  }

  async list(options: FeedbackFilter & PageOptions = {}): Promise<Page<Feedback>> {
    const { limit, cursor, sort, ...filter } = options;
    const params = new SqlParams();
    const where = feedbackWhere(normalizeFeedbackFilter(filter), params);
    const query = pageQuery('conduct_feedback', where, params, { limit, cursor, sort });
    const page = query.finish(
      await runSql<EntityRow & { remaining: number }>(this.#db, query.sql, params.values),
    );
    return { ...page, items: page.items.map(readFeedback) };
  }

  async delete(id: string): Promise<void> {
    const rows = await runSql(this.#db, 'DELETE FROM conduct_feedback WHERE id = $1 RETURNING id', [
      id,
    ]);
    if (rows.length === 0) throw new NotFoundError('feedback', id);
  }
}

/** A stored row read through the schema, so feedback stored before a field existed gets its default. */
function readFeedback(row: EntityRow): Feedback {
  return feedbackSchema.parse(fromEntityRow(row));
}
