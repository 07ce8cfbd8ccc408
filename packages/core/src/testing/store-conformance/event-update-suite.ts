import { expect } from 'vitest';
import type { Event } from '../../domain/event.js';
import { AbortedError, ValidationError } from '../../errors/errors.js';
import { storeCheck } from './check.js';
import {
  createSession,
  expectRejection,
  expectWokenSince,
  messageEvent,
  observe,
  pause,
  statusEvent,
  timed,
} from './fixtures.js';

const LONG_WAIT = { timeoutMs: 5000 };
const SETTLE_MS = 30;

const participant = { id: null, display_name: 'Conformance customer' };

/** In-place event updates (message streaming, metadata) and waiting for them. */
export const eventUpdateChecks = {
  streamsInPlace: storeCheck(
    'updates a streamed message in place: same id and offset, revision bumped, data replaced',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      await store.events.append(session.id, statusEvent('typing'));
      const draft = await store.events.append(
        session.id,
        messageEvent('', { source: 'ai_agent', chunks: [] }),
      );
      expect([draft.offset, draft.revision]).toEqual([1, 0]);
      const steps: [string, (string | null)[]][] = [
        ['Hel', ['Hel']],
        ['Hello', ['Hel', 'lo']],
        ['Hello', ['Hel', 'lo', null]],
      ];
      let latest: Event = draft;
      for (const [index, [message, chunks]] of steps.entries()) {
        const data = { message, participant, chunks };
        latest = await store.events.update(session.id, draft.id, { data });
        expect(latest).toEqual({ ...draft, revision: index + 1, data });
      }
      expect(await store.events.get(session.id, draft.id)).toEqual(latest);
      const listed = await store.events.list(session.id, { kinds: ['message'] });
      expect(listed).toEqual([latest]);
      const next = await store.events.append(session.id, statusEvent('acknowledged'));
      expect(next.offset).toBe(2);
    },
  ),

  metadataSetAndUnset: storeCheck(
    'sets and unsets metadata keys and keeps data when no data is given',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const event = await store.events.append(
        session.id,
        messageEvent('keep me', { metadata: { a: 1, b: { deep: true } } }),
      );
      const updated = await store.events.update(session.id, event.id, {
        metadataSet: { c: 'three', b: { deep: false } },
        metadataUnset: ['a', 'never-set'],
      });
      expect(updated).toEqual({
        ...event,
        revision: 1,
        metadata: { b: { deep: false }, c: 'three' },
      });
      const unset = await store.events.update(session.id, event.id, { metadataUnset: ['b'] });
      expect(unset).toEqual({ ...event, revision: 2, metadata: { c: 'three' } });
      expect(await store.events.get(session.id, event.id)).toEqual(unset);
    },
  ),

  softDeletesOne: storeCheck(
    'soft-deletes one event with an update (listings leave it out, get and includeDeleted keep it)',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const before = await store.events.append(session.id, statusEvent('typing'));
      const cut = await store.events.append(
        session.id,
        messageEvent('Hel', { source: 'ai_agent', chunks: ['Hel'] }),
      );
      const after = await store.events.append(session.id, statusEvent('acknowledged'));
      const data = { message: 'Hel', participant, chunks: ['Hel'], superseded: true };
      const deleted = await store.events.update(session.id, cut.id, { data, deleted: true });
      expect(deleted).toEqual({ ...cut, data, deleted: true, revision: 1 });
      expect(await store.events.list(session.id)).toEqual([before, after]);
      expect(await store.events.list(session.id, { includeDeleted: true })).toEqual([
        before,
        deleted,
        after,
      ]);
      expect(await store.events.get(session.id, cut.id)).toEqual(deleted);
      // Only that event: the next offset is unchanged, the others stay live.
      expect((await store.events.append(session.id, statusEvent('typing'))).offset).toBe(3);
      const kept = await store.events.update(session.id, cut.id, { metadataSet: { seen: 1 } });
      expect(kept.deleted).toBe(true);
      const restored = await store.events.update(session.id, cut.id, { deleted: false });
      expect(restored.deleted).toBe(false);
      expect(
        (await store.events.list(session.id, { kinds: ['message'] })).map((e) => e.id),
      ).toEqual([cut.id]);
    },
  ),

  rejectsInvalidData: storeCheck(
    'rejects data that is invalid for the kind with ValidationError and changes nothing',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const message = await store.events.append(session.id, messageEvent('stable'));
      const status = await store.events.append(session.id, statusEvent('typing'));
      const attempts: [Event, unknown][] = [
        [message, { message: 42, participant }],
        [message, { message: 'no participant' }],
        [message, { status: 'typing', data: {} }],
        [status, { message: 'a message', participant }],
        [status, { status: 'sleeping', data: {} }],
      ];
      for (const [event, data] of attempts) {
        await expectRejection(
          store.events.update(session.id, event.id, { data, metadataSet: { touched: true } }),
          ValidationError,
        );
        expect(await store.events.get(session.id, event.id)).toEqual(event);
      }
    },
  ),

  waitForUpdateAtOnce: storeCheck(
    'waitForUpdate returns at once when the revision is already past afterRevision',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const event = await store.events.append(session.id, messageEvent());
      const updated = await store.events.update(session.id, event.id, { metadataSet: { n: 1 } });
      const outcome = await timed(store.events.waitForUpdate(session.id, event.id, 0, LONG_WAIT));
      expect(outcome.value).toEqual(updated);
      expect(outcome.ms).toBeLessThan(1000);
    },
  ),

  waitForUpdateWakes: storeCheck(
    'waitForUpdate wakes on the update, not on unrelated appends',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const event = await store.events.append(
        session.id,
        messageEvent('', { source: 'ai_agent', chunks: [] }),
      );
      const waiter = observe(store.events.waitForUpdate(session.id, event.id, 0, LONG_WAIT));
      await store.events.append(session.id, statusEvent('typing'));
      await pause(SETTLE_MS);
      expect(waiter.settled, 'an unrelated append ended the wait').toBe(false);
      const data = { message: 'Hi', participant, chunks: ['Hi', null] };
      const updated = await store.events.update(session.id, event.id, { data });
      const updatedAt = performance.now();
      expect(await waiter.promise).toEqual(updated);
      expect(updated).toEqual({ ...event, revision: 1, data });
      expectWokenSince(waiter, updatedAt);
    },
  ),

  waitForUpdateTimesOut: storeCheck(
    'waitForUpdate returns the current state once the timeout passes, not before',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const event = await store.events.append(session.id, messageEvent());
      const outcome = await timed(
        store.events.waitForUpdate(session.id, event.id, 0, { timeoutMs: 250 }),
      );
      expect(outcome.value).toEqual(event);
      expect(outcome.ms).toBeGreaterThanOrEqual(225);
      expect(outcome.ms).toBeLessThan(2000);
    },
  ),

  waitForUpdateAborts: storeCheck(
    'waitForUpdate rejects with AbortedError when aborted',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const event = await store.events.append(session.id, messageEvent());
      const controller = new AbortController();
      const waiter = observe(
        store.events.waitForUpdate(session.id, event.id, 0, {
          ...LONG_WAIT,
          signal: controller.signal,
        }),
      );
      await pause(SETTLE_MS);
      controller.abort();
      const abortedAt = performance.now();
      await expectRejection(waiter.promise, AbortedError);
      expectWokenSince(waiter, abortedAt);
    },
  ),
} as const;
