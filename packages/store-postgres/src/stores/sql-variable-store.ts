import {
  generateId,
  NotFoundError,
  type TagFilter,
  type Variable,
  type VariableInput,
  type VariablePatch,
  type VariableStore,
  type VariableValue,
  variableInputSchema,
  variablePatchSchema,
} from '@conduct/core';
import { nowIso } from '@conduct/core/internal';
import type { SqlExecutor } from '../driver/sql-driver.js';
import { runSql, SqlState, sqlState } from '../driver/sql-errors.js';
import { fromJsonText, SqlParams } from '../driver/sql-params.js';
import { SqlCollection } from './sql-collection.js';
import { tagWhere } from './tag-filter.js';

interface ValueRow {
  [column: string]: unknown;
  variable_id: string;
  key: string | null;
  id: string;
  data: string | null;
  updated_at: string;
}

const VALUE_COLUMNS = 'v.variable_id, v.key, v.id, v.data::text AS data, v.updated_at';

function fromValueRow(row: ValueRow): VariableValue {
  return {
    id: row.id,
    variableId: row.variable_id,
    key: row.key ?? '',
    data: fromJsonText(row.data),
    updatedAt: row.updated_at,
  };
}

/**
 * Context variables (part of the behavior model) and their values by key (not part of it).
 * Values live in their own table and go with their variable (foreign key cascade).
 */
export class SqlVariableStore
  extends SqlCollection<Variable, VariableInput, VariablePatch, TagFilter>
  implements VariableStore
{
  constructor(db: SqlExecutor) {
    super(db, {
      table: 'conduct_variables',
      entity: 'variable',
      inputSchema: variableInputSchema,
      patchSchema: variablePatchSchema,
      behavior: true,
      where: tagWhere,
    });
  }

  async getValue(variableId: string, key: string): Promise<VariableValue | undefined> {
    const [row] = await this.#values(variableId, key);
    return row === undefined || row.key === null ? undefined : fromValueRow(row);
  }

  async setValue(variableId: string, key: string, data: unknown): Promise<VariableValue> {
    const params = new SqlParams();
    const variable = params.add(variableId);
    let rows: ValueRow[];
    try {
      // A replaced value keeps its id (and its place in the listing).
      rows = await runSql<ValueRow>(
        this.db,
        `INSERT INTO conduct_variable_values AS v (variable_id, key, id, data, updated_at)
         SELECT ${variable}, ${params.add(key)}, ${params.add(generateId())},
           ${params.json(data)}, ${params.add(nowIso())}
         WHERE EXISTS (SELECT 1 FROM conduct_variables WHERE id = ${variable})
         ON CONFLICT (variable_id, key)
           DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at
         RETURNING ${VALUE_COLUMNS}`,
        params.values,
      );
    } catch (error) {
      // The variable was deleted between the check and the insert.
      if (sqlState(error) === SqlState.foreignKeyViolation) {
        throw new NotFoundError('variable', variableId);
      }
      throw error;
    }
    if (rows[0] === undefined) throw new NotFoundError('variable', variableId);
    return fromValueRow(rows[0]);
  }

  async deleteValue(variableId: string, key: string): Promise<void> {
    const rows = await runSql<{ found: boolean; deleted: number }>(
      this.db,
      `WITH gone AS (
         DELETE FROM conduct_variable_values WHERE variable_id = $1 AND key = $2 RETURNING 1
       )
       SELECT EXISTS (SELECT 1 FROM conduct_variables WHERE id = $1) AS found,
         (SELECT count(*) FROM gone)::int AS deleted`,
      [variableId, key],
    );
    if (rows[0]?.found !== true) throw new NotFoundError('variable', variableId);
    if (rows[0].deleted === 0) {
      throw new NotFoundError('variable value', `${variableId}/${key}`);
    }
  }

  async listValues(variableId: string): Promise<VariableValue[]> {
    const rows = await this.#values(variableId);
    return rows.filter((row) => row.key !== null).map(fromValueRow);
  }

  /** Values of a variable (one null row when it has none); no row at all when it is unknown. */
  async #values(variableId: string, key?: string): Promise<ValueRow[]> {
    const params = new SqlParams();
    const on = [`v.variable_id = var.id`];
    if (key !== undefined) on.push(`v.key = ${params.add(key)}`);
    const rows = await runSql<ValueRow>(
      this.db,
      `SELECT ${VALUE_COLUMNS} FROM conduct_variables var
       LEFT JOIN conduct_variable_values v ON ${on.join(' AND ')}
       WHERE var.id = ${params.add(variableId)}
       ORDER BY v.seq`,
      params.values,
    );
    if (rows.length === 0) throw new NotFoundError('variable', variableId);
    return rows;
  }
}
