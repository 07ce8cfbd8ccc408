import { ValidationError } from '@conduct/core';
import type { SqlExecutor, SqlRow, SqlValue } from './sql-driver.js';

/** SQLSTATE codes the stores react to. */
export const SqlState = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  /** `\u0000` in a JSON string: jsonb cannot store it. */
  untranslatableCharacter: '22P05',
} as const;

/** The SQLSTATE of a driver error (`pg` and PGlite both expose it as `code`), if any. */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Turns database errors caused by the caller's data into Conduct errors; anything else is
 * passed on unchanged.
 */
export function toConductError(error: unknown): unknown {
  if (sqlState(error) === SqlState.untranslatableCharacter) {
    return new ValidationError(
      'Text must not contain the NUL character (\\u0000)',
      [
        {
          path: [],
          message: 'contains \\u0000, which PostgreSQL cannot store',
          type: 'invalid_string',
        },
      ],
      { cause: error },
    );
  }
  return error;
}

/** Runs one statement, turning data-caused database errors into Conduct errors. */
export async function runSql<Row extends SqlRow = SqlRow>(
  db: SqlExecutor,
  sql: string,
  params: readonly SqlValue[] = [],
): Promise<Row[]> {
  try {
    return await db.query<Row>(sql, params);
  } catch (error) {
    throw toConductError(error);
  }
}
