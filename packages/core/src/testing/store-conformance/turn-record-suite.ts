import { expect } from 'vitest';
import type { TurnRecord } from '../../domain/turn-record.js';
import { NotFoundError, ValidationError } from '../../errors/errors.js';
import { storeCheck } from './check.js';
import {
  createSession,
  expectRejection,
  issuePaths,
  timed,
  traceId,
  turnRecord,
  uid,
} from './fixtures.js';

const ids = (records: TurnRecord[]) => records.map((record) => record.id);

/** Decision records of turns. */
export const turnRecordChecks = {
  savesAndGets: storeCheck('saves a record and gets it back unchanged', async (context) => {
    const { store } = context;
    const session = await createSession(context);
    const record = turnRecord(session, {
      candidates: [{ type: 'guideline', id: uid() }],
      verdicts: [
        {
          entity: { type: 'guideline', id: 'g1' },
          strategy: 'actionable',
          matched: true,
          rationale: 'asked for a refund',
          error: null,
        },
      ],
      notes: ['first turn'],
    });
    expect(await store.turns.save(record)).toEqual(record);
    expect(await store.turns.get(record.id)).toEqual(record);
    await expectRejection(store.turns.get(uid('no-record-')), NotFoundError);
  }),

  upserts: storeCheck('replaces the record with the same id on save', async (context) => {
    const { store } = context;
    const session = await createSession(context);
    const running = turnRecord(session);
    await store.turns.save(running);
    const completed: TurnRecord = {
      ...running,
      status: 'completed',
      endedAt: '2026-01-01T00:00:05.000Z',
      eventIds: [uid()],
    };
    expect(await store.turns.save(completed)).toEqual(completed);
    expect(await store.turns.get(running.id)).toEqual(completed);
    expect(await store.turns.list(session.id)).toEqual([completed]);
  }),

  listsByStart: storeCheck(
    'lists a session’s records by start time and filters by trace',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const other = await createSession(context, { agentId: session.agentId });
      const trace = traceId();
      const second = turnRecord(session, { startedAt: '2026-01-01T00:00:02.000Z', traceId: trace });
      const first = turnRecord(session, { startedAt: '2026-01-01T00:00:01.000Z' });
      const third = turnRecord(session, { startedAt: '2026-01-01T00:00:03.000Z', traceId: trace });
      const foreign = turnRecord(other, { traceId: trace });
      for (const record of [second, third, foreign, first]) await store.turns.save(record);
      expect(ids(await store.turns.list(session.id))).toEqual(ids([first, second, third]));
      expect(await store.turns.list(session.id, { traceId: trace })).toEqual([second, third]);
      expect(await store.turns.list(session.id, { traceId: traceId() })).toEqual([]);
      expect(await store.turns.list(other.id)).toEqual([foreign]);
    },
  ),

  rejectsInvalid: storeCheck(
    'rejects an invalid record with ValidationError and saves nothing',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const record = turnRecord(session);
      const invalid = { ...record, status: 'sleeping' } as unknown as TurnRecord;
      const error = await expectRejection(store.turns.save(invalid), ValidationError);
      expect(issuePaths(error)).toContainEqual(['status']);
      await expectRejection(store.turns.get(record.id), NotFoundError);
      const noStart = { ...record, startedAt: 'yesterday' };
      await expectRejection(store.turns.save(noStart), ValidationError);
      expect(await store.turns.list(session.id)).toEqual([]);
    },
  ),

  goneWithSession: storeCheck('forgets the records of a deleted session', async (context) => {
    const { store } = context;
    const session = await createSession(context);
    const record = await store.turns.save(turnRecord(session));
    await store.sessions.delete(session.id);
    await expectRejection(store.turns.get(record.id), NotFoundError);
    // The port does not say whether listing a deleted session fails or is empty; both are fine.
    const listed = await timed(store.turns.list(session.id));
    if (listed.error === undefined) expect(listed.value).toEqual([]);
    else expect(NotFoundError.is(listed.error)).toBe(true);
  }),
} as const;
