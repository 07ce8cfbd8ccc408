import type { ToolServiceRegistration, ToolServiceRegistrations } from '@conduct/core';
import { nowIso } from '@conduct/core/internal';
import type { SqlExecutor } from '../driver/sql-driver.js';

/** Tool service registrations in `conduct_tool_services`, in the order they were first made. */
export class SqlToolServiceRegistrations implements ToolServiceRegistrations {
  constructor(private readonly db: SqlExecutor) {}

  async list(): Promise<ToolServiceRegistration[]> {
    const rows = await this.db.query<{ data: ToolServiceRegistration }>(
      'SELECT data FROM conduct_tool_services ORDER BY created_at, name',
    );
    return rows.map((row) => row.data);
  }

  async put(registration: ToolServiceRegistration): Promise<void> {
    await this.db.query(
      `INSERT INTO conduct_tool_services (name, created_at, data) VALUES ($1, $2, $3::text::jsonb)
        ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`,
      [registration.name, nowIso(), JSON.stringify(registration)],
    );
  }

  async delete(name: string): Promise<void> {
    await this.db.query('DELETE FROM conduct_tool_services WHERE name = $1', [name]);
  }
}
