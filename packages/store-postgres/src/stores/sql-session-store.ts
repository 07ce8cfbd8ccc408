import {
  ConflictError,
  NotFoundError,
  type Page,
  type PageOptions,
  type Session,
  type SessionFilter,
  type SessionInput,
  type SessionPatch,
  type SessionStore,
  sessionInputSchema,
  sessionPatchSchema,
} from '@conduct/core';
import type { SqlExecutor } from '../driver/sql-driver.js';
import { SqlParams } from '../driver/sql-params.js';
import { ENTITY_COLUMNS, entityDocument } from './entity-rows.js';
import type { FeedWriter } from './event-feed.js';
import { SqlCollection } from './sql-collection.js';

/** SQL conditions of a session filter (the columns match the session indexes). */
export function sessionWhere(filter: SessionFilter | undefined, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filter?.agentId !== undefined) {
    conditions.push(`data->>'agentId' = ${params.add(filter.agentId)}`);
  }
  if (filter?.customerId !== undefined) {
    conditions.push(`data->>'customerId' = ${params.add(filter.customerId)}`);
  }
  if (filter?.labels !== undefined)
    conditions.push(`data->'labels' @> ${params.json(filter.labels)}`);
  return conditions;
}

/**
 * Sessions in SQL. Creating one requires its agent and starts its event log at offset 0;
 * deleting one cascades (foreign keys) to its events, offsets, turn records and feedback, and wakes every
 * waiter on its log, in every process.
 */
export class SqlSessionStore
  extends SqlCollection<Session, SessionInput, SessionPatch, SessionFilter>
  implements SessionStore
{
  readonly #feed: FeedWriter;

  constructor(db: SqlExecutor, feed: FeedWriter) {
    super(db, {
      table: 'conduct_sessions',
      entity: 'session',
      inputSchema: sessionInputSchema,
      patchSchema: sessionPatchSchema,
      where: sessionWhere,
    });
    this.#feed = feed;
  }

  page(options: SessionFilter & PageOptions = {}): Promise<Page<Session>> {
    return this.pageOf(options, options);
  }

  override async delete(id: string): Promise<void> {
    const params = new SqlParams();
    const rows = await this.run(
      `DELETE FROM conduct_sessions WHERE id = ${params.add(id)}
       RETURNING id, ${this.#feed.notifySql(params, 'id')}`,
      params,
    );
    if (rows.length === 0) throw new NotFoundError('session', id);
    this.#feed.changed(id);
  }

  async deleteMany(filter?: SessionFilter): Promise<number> {
    const params = new SqlParams();
    const where = sessionWhere(filter, params);
    const rows = await this.run<{ id: string }>(
      `DELETE FROM conduct_sessions ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       RETURNING id, ${this.#feed.notifySql(params, 'id')}`,
      params,
    );
    for (const row of rows) this.#feed.changed(row.id);
    return rows.length;
  }

  protected override insertSql(entity: { id: string; createdAt: string }, params: SqlParams) {
    const { agentId } = entity as Session;
    return `WITH inserted AS (
        INSERT INTO conduct_sessions (id, created_at, data)
        SELECT ${params.add(entity.id)}, ${params.add(entity.createdAt)}, ${params.json(entityDocument(entity))}
        WHERE EXISTS (SELECT 1 FROM conduct_agents WHERE id = ${params.add(agentId)})
        ON CONFLICT (id) DO NOTHING
        RETURNING ${ENTITY_COLUMNS}
      ),
      log AS (INSERT INTO conduct_event_offsets (session_id, next_offset) SELECT id, 0 FROM inserted)
      SELECT * FROM inserted`;
  }

  protected override async insertMissed(session: Session): Promise<never> {
    if ((await this.find(session.id)) !== undefined) throw new ConflictError('session', session.id);
    throw new NotFoundError('agent', session.agentId);
  }
}
