import { generateId } from '@conduct/core';
import { newTurnRecord } from '@conduct/core/internal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSqlStore,
  openPgliteDriver,
  type PostgresStore,
  type SqlDriver,
} from '../src/index.js';

// A record saved by an earlier version lacks the fields added since; reading it must fill them
// in (the trace endpoint maps over them), not hand back `undefined`.
describe('turn records saved by an earlier version', () => {
  let driver: SqlDriver;
  let store: PostgresStore;

  beforeAll(async () => {
    driver = await openPgliteDriver({ dataDir: 'memory://' });
    store = await createSqlStore(driver);
    // Starting PGlite takes seconds on a loaded machine; the default 10 s is not enough there.
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  it('read back with the fields added since at their defaults', async () => {
    const agent = await store.agents.create({ name: 'Old' });
    const session = await store.sessions.create({ agentId: agent.id });
    const record = newTurnRecord({
      id: generateId(),
      sessionId: session.id,
      agentId: agent.id,
      traceId: 'b'.repeat(32),
      startedAt: new Date().toISOString(),
    });
    const { toolDecisions: _decisions, subjects: _subjects, journeys: _journeys, ...old } = record;
    await driver.query(
      `INSERT INTO conduct_turn_records (id, session_id, trace_id, started_at, record)
       VALUES ($1, $2, $3, $4, $5::text::jsonb)`,
      [old.id, old.sessionId, old.traceId, old.startedAt, JSON.stringify(old)],
    );

    const [listed] = await store.turns.list(session.id);
    expect(listed).toMatchObject({ toolDecisions: [], subjects: [], journeys: [] });
    expect(await store.turns.get(record.id)).toMatchObject({ toolDecisions: [], subjects: [] });
  });
});
