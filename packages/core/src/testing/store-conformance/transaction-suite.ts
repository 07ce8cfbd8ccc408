import { expect } from 'vitest';
import { NestedTransactionError, NotFoundError } from '../../errors/errors.js';
import { storeCheck } from './check.js';
import {
  createSession,
  expectRejection,
  messageEvent,
  observe,
  pause,
  statusEvent,
  traceId,
  turnRecord,
  uid,
} from './fixtures.js';

// Long enough for a wrongly woken waiter (or an interleaved append) to show.
const HOLD_MS = 60;

/** `store.transaction`: all or nothing, seen (and waking waiters) only once committed. */
export const transactionChecks = {
  commitsTogether: storeCheck(
    'commits events, a session update and a turn record together',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const trace = traceId();
      const record = turnRecord(session, { traceId: trace, status: 'completed' });
      const result = await store.transaction(async (tx) => {
        const reply = await tx.events.append(
          session.id,
          messageEvent('Hi', { source: 'ai_agent', traceId: trace }),
        );
        const typing = await tx.events.append(
          session.id,
          statusEvent('typing', { traceId: trace }),
        );
        await tx.sessions.update(session.id, { title: 'committed' });
        await tx.turns.save(record);
        // The transaction reads its own writes.
        expect((await tx.events.list(session.id)).map((event) => event.id)).toEqual([
          reply.id,
          typing.id,
        ]);
        return [reply, typing];
      });
      expect(await store.events.list(session.id)).toEqual(result);
      expect(result.map((event) => event.offset)).toEqual([0, 1]);
      expect((await store.sessions.get(session.id)).title).toBe('committed');
      expect(await store.turns.get(record.id)).toEqual(record);
    },
  ),

  rollsBack: storeCheck(
    'rolls everything back when the work rejects, and passes the rejection on',
    async (context) => {
      const { store } = context;
      const session = await createSession(context, { title: 'before' });
      const record = turnRecord(session);
      const failure = new Error('the work failed');
      const outcome = await store
        .transaction(async (tx) => {
          await tx.events.append(session.id, messageEvent('never'));
          await tx.sessions.update(session.id, { title: 'never' });
          await tx.turns.save(record);
          throw failure;
        })
        .then(
          () => 'resolved',
          (error: unknown) => error,
        );
      expect(outcome).toBe(failure);
      expect(await store.events.list(session.id, { includeDeleted: true })).toEqual([]);
      expect((await store.sessions.get(session.id)).title).toBe('before');
      await expectRejection(store.turns.get(record.id), NotFoundError);
      // Gap-free: the rolled-back append used no offset.
      expect((await store.events.append(session.id, messageEvent('after'))).offset).toBe(0);
    },
  ),

  rollsBackOnStoreError: storeCheck(
    'rolls back earlier writes when a later write of the transaction fails',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      await expectRejection(
        store.transaction(async (tx) => {
          await tx.events.append(session.id, messageEvent('never'));
          await tx.events.append(uid('no-session-'), messageEvent('fails'));
        }),
        NotFoundError,
      );
      expect(await store.events.list(session.id)).toEqual([]);
    },
  ),

  wakesAfterCommit: storeCheck(
    'wakes waiters only once the transaction commits, never for a rolled-back write',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const waiter = observe(store.events.waitFor(session.id, {}, { timeoutMs: 5000 }));
      await pause(20);
      await store
        .transaction(async (tx) => {
          await tx.events.append(session.id, messageEvent('rolled back'));
          await pause(HOLD_MS);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await pause(HOLD_MS);
      expect(waiter.settled, 'a rolled-back append woke a waiter with a result').toBe(false);
      let appendedInside = false;
      const committed = store.transaction(async (tx) => {
        const event = await tx.events.append(session.id, messageEvent('committed'));
        appendedInside = true;
        await pause(HOLD_MS);
        expect(waiter.settled, 'the waiter saw an uncommitted append').toBe(false);
        return event;
      });
      const event = await committed;
      expect(appendedInside).toBe(true);
      expect(await waiter.promise).toEqual([event]);
    },
  ),

  refusesNesting: storeCheck(
    'rejects a nested `store.transaction` at once with NestedTransactionError, and only that',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      let later: Promise<unknown> | undefined;
      const outcome = await store.transaction(async (tx) => {
        await tx.events.append(session.id, messageEvent('outer'));
        const inner = await store
          .transaction(async () => 'ran')
          .then(
            () => 'resolved',
            (error: unknown) => error,
          );
        // Started from the work but run after it ended: not nested.
        later = pause(HOLD_MS).then(() =>
          store.transaction((next) => next.events.append(session.id, messageEvent('later'))),
        );
        return inner;
      });
      expect(NestedTransactionError.is(outcome), String(outcome)).toBe(true);
      expect((outcome as Error).message).toMatch(/inside another transaction/);
      await later;
      // Transactions from separate callers still wait for each other instead.
      const [one, two] = await Promise.all(
        ['a', 'b'].map((text) =>
          store.transaction((tx) => tx.events.append(session.id, messageEvent(text))),
        ),
      );
      expect([one!.offset, two!.offset].sort()).toEqual([2, 3]);
      const texts = (await store.events.list(session.id)).map((event) =>
        event.kind === 'message' ? event.data.message : undefined,
      );
      expect(texts.slice(0, 2)).toEqual(['outer', 'later']);
    },
  ),

  isolatesConcurrentAppends: storeCheck(
    'keeps offsets gap-free and a transaction’s events consecutive under concurrent appends',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const inside = store.transaction(async (tx) => {
        const first = await tx.events.append(session.id, statusEvent('acknowledged'));
        await pause(HOLD_MS);
        const second = await tx.events.append(session.id, statusEvent('typing'));
        return [first, second];
      });
      await pause(10);
      const outside = Promise.all(
        [1, 2, 3].map((n) => store.events.append(session.id, messageEvent(`m${n}`))),
      );
      const [[first, second], others] = await Promise.all([inside, outside]);
      expect(second!.offset - first!.offset).toBe(1);
      const offsets = (await store.events.list(session.id)).map((event) => event.offset);
      expect(offsets).toEqual([0, 1, 2, 3, 4]);
      expect(new Set([first!.id, second!.id, ...others.map((event) => event.id)]).size).toBe(5);
    },
  ),
};
