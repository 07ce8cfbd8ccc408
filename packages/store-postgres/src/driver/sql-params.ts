import type { SqlValue } from './sql-driver.js';

/**
 * Collects the values of one statement and hands out their `$n` placeholders, so SQL is built
 * from fragments without ever splicing a value into the text.
 */
export class SqlParams {
  readonly values: SqlValue[] = [];

  /** Binds `value` and returns its placeholder. */
  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Binds `value` as JSON (`undefined` becomes SQL `NULL`) and returns a `jsonb` expression. */
  json(value: unknown): string {
    return `${this.add(toJsonText(value))}::text::jsonb`;
  }

  /** Binds a list of strings and returns a `text[]` expression (without driver array encoding). */
  textArray(values: readonly string[]): string {
    return `ARRAY(SELECT jsonb_array_elements_text(${this.json(values)}))`;
  }
}

/** JSON text of a value, or `null` for `undefined` (stored as SQL `NULL`). */
export function toJsonText(value: unknown): string | null {
  return value === undefined ? null : (JSON.stringify(value) ?? null);
}

/** Parses JSON text read from a `jsonb::text` column; SQL `NULL` gives `undefined`. */
export function fromJsonText(text: unknown): unknown {
  return typeof text === 'string' ? JSON.parse(text) : undefined;
}
