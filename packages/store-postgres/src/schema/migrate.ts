import { nowIso } from '@conduct/core/internal';
import type { SqlDriver } from '../driver/sql-driver.js';
import { LockClass } from './advisory-locks.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/**
 * Brings the schema up to date and returns the versions it applied. Safe when several processes
 * start at once: everything runs in one transaction under an advisory lock, so one process
 * migrates while the others wait and then find nothing left to do. Versions the database has
 * but this package does not know (a newer release migrated it) are left alone: migrations only
 * add, so older code keeps working during a rolling upgrade.
 */
export async function migrate(
  driver: SqlDriver,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, 0)', [LockClass.migrations]);
    await tx.query(`CREATE TABLE IF NOT EXISTS conduct_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at text NOT NULL
    )`);
    const rows = await tx.query<{ version: number }>(
      'SELECT version FROM conduct_schema_migrations',
    );
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      for (const step of migration.steps) {
        if (typeof step === 'string') await tx.query(step);
        else await tx.query(step.sql, step.params);
      }
      await tx.query(
        'INSERT INTO conduct_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
        [migration.version, migration.name, nowIso()],
      );
      applied.push(migration.version);
    }
    return applied;
  });
}
