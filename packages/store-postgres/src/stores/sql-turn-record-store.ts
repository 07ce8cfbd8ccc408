import {
  NotFoundError,
  type TurnRecord,
  type TurnRecordStore,
  turnRecordSchema,
} from '@conduct/core';
import { parseOrThrow } from '@conduct/core/internal';
import type { SqlExecutor } from '../driver/sql-driver.js';
import { runSql, SqlState, sqlState } from '../driver/sql-errors.js';
import { SqlParams } from '../driver/sql-params.js';

/**
 * Decision records of turns, one `jsonb` document each. A record belongs to an existing session
 * (saving one for an unknown session is a `NotFoundError`) and goes when the session goes.
 */
export class SqlTurnRecordStore implements TurnRecordStore {
  readonly #db: SqlExecutor;

  constructor(db: SqlExecutor) {
    this.#db = db;
  }

  async save(record: TurnRecord): Promise<TurnRecord> {
    const parsed = parseOrThrow(turnRecordSchema, record, 'turn record');
    const params = new SqlParams();
    try {
      await runSql(
        this.#db,
        `INSERT INTO conduct_turn_records (id, session_id, trace_id, started_at, record)
         VALUES (${params.add(parsed.id)}, ${params.add(parsed.sessionId)},
           ${params.add(parsed.traceId)}, ${params.add(parsed.startedAt)}, ${params.json(parsed)})
         ON CONFLICT (id) DO UPDATE SET session_id = excluded.session_id,
           trace_id = excluded.trace_id, started_at = excluded.started_at, record = excluded.record`,
        params.values,
      );
      return parsed;
    } catch (error) {
      if (sqlState(error) === SqlState.foreignKeyViolation) {
        throw new NotFoundError('session', parsed.sessionId);
      }
      throw error;
    }
  }

  async get(id: string): Promise<TurnRecord> {
    const rows = await runSql<{ record: string }>(
      this.#db,
      'SELECT record::text AS record FROM conduct_turn_records WHERE id = $1',
      [id],
    );
    if (rows[0] === undefined) throw new NotFoundError('turn record', id);
    return readRecord(rows[0].record);
  }

  async list(sessionId: string, filter: { traceId?: string } = {}): Promise<TurnRecord[]> {
    const params = new SqlParams();
    const conditions = [`session_id = ${params.add(sessionId)}`];
    if (filter.traceId !== undefined) conditions.push(`trace_id = ${params.add(filter.traceId)}`);
    const rows = await runSql<{ record: string }>(
      this.#db,
      `SELECT record::text AS record FROM conduct_turn_records
       WHERE ${conditions.join(' AND ')} ORDER BY started_at, seq`,
      params.values,
    );
    return rows.map((row) => readRecord(row.record));
  }
}

/**
 * A stored record, read through its schema: records saved by an earlier version lack fields
 * added since (`toolDecisions`, `subjects`…), which the schema's defaults fill in.
 */
function readRecord(text: string): TurnRecord {
  return turnRecordSchema.parse(JSON.parse(text));
}
