import { expect } from 'vitest';
import { IdempotencyKeyReusedError, NotFoundError, ValidationError } from '../../errors/errors.js';
import type { IdempotencyKey } from '../../store/event-store.js';
import { storeCheck } from './check.js';
import {
  createSession,
  customEvent,
  expectRejection,
  messageEvent,
  range,
  uid,
} from './fixtures.js';

/** A fresh key with a fixed fingerprint. */
function idempotencyKey(fingerprint = 'request-a'): IdempotencyKey {
  return { key: uid('key-'), fingerprint };
}

/** `events.appendOnce` and `findByIdempotencyKey`: one live event per key and session. */
export const eventIdempotencyChecks = {
  replaysTheFirstEvent: storeCheck(
    'appends once per key and returns that event on every retry, leaving no offset gap',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const key = idempotencyKey();
      expect(await store.events.findByIdempotencyKey(session.id, key)).toBeUndefined();
      const first = await store.events.appendOnce(session.id, messageEvent('Hi'), key);
      expect(first.replayed).toBe(false);
      expect(first.event.offset).toBe(0);
      // A retry may differ in what the store would generate anew (here: the text is the same).
      const retry = await store.events.appendOnce(session.id, messageEvent('Hi'), key);
      expect(retry).toEqual({ event: first.event, replayed: true });
      expect(await store.events.findByIdempotencyKey(session.id, key)).toEqual(first.event);
      const next = await store.events.append(session.id, customEvent());
      expect(next.offset).toBe(1);
      expect((await store.events.list(session.id)).map((event) => event.id)).toEqual([
        first.event.id,
        next.id,
      ]);
    },
  ),

  refusesAnotherRequest: storeCheck(
    'refuses a held key with another fingerprint, appending nothing',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const key = idempotencyKey('request-a');
      await store.events.appendOnce(session.id, messageEvent('Hi'), key);
      const other = { ...key, fingerprint: 'request-b' };
      const error = await expectRejection(
        store.events.appendOnce(session.id, messageEvent('Something else'), other),
        IdempotencyKeyReusedError,
      );
      expect([error.key, error.sessionId]).toEqual([key.key, session.id]);
      await expectRejection(
        store.events.findByIdempotencyKey(session.id, other),
        IdempotencyKeyReusedError,
      );
      expect(await store.events.list(session.id)).toHaveLength(1);
    },
  ),

  scopedPerSession: storeCheck('scopes keys to their session', async (context) => {
    const { store } = context;
    const [one, two] = [await createSession(context), await createSession(context)];
    const key = idempotencyKey();
    const first = await store.events.appendOnce(one.id, messageEvent('Hi'), key);
    const second = await store.events.appendOnce(two.id, messageEvent('Hi'), key);
    expect([first.replayed, second.replayed]).toEqual([false, false]);
    expect(second.event.sessionId).toBe(two.id);
    expect(await store.events.findByIdempotencyKey(two.id, key)).toEqual(second.event);
  }),

  concurrentRetries: storeCheck(
    'stores exactly one event for 20 concurrent appends with one key, among 20 plain appends',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const key = idempotencyKey();
      const [keyed, plain] = await Promise.all([
        Promise.all(
          range(20).map(() => store.events.appendOnce(session.id, messageEvent('Once'), key)),
        ),
        Promise.all(range(20).map((n) => store.events.append(session.id, customEvent({ n })))),
      ]);
      expect(keyed.filter((result) => !result.replayed)).toHaveLength(1);
      const stored = keyed.find((result) => !result.replayed)?.event;
      for (const result of keyed) expect(result.event).toEqual(stored);
      const listed = await store.events.list(session.id);
      expect(listed.map((event) => event.offset)).toEqual(range(21));
      expect(listed.filter((event) => event.kind === 'message')).toEqual([stored]);
      expect(plain).toHaveLength(20);
    },
  ),

  deletionFreesTheKey: storeCheck(
    'frees a key when its event is deleted: the next append stores a new event',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const key = idempotencyKey();
      const first = await store.events.appendOnce(session.id, messageEvent('Hi'), key);
      await store.events.deleteFrom(session.id, first.event.offset);
      expect(await store.events.findByIdempotencyKey(session.id, key)).toBeUndefined();
      // Free means free: even another request may use the key now.
      const other = { ...key, fingerprint: 'request-b' };
      const again = await store.events.appendOnce(session.id, messageEvent('Again'), other);
      expect(again.replayed).toBe(false);
      expect(again.event.id).not.toBe(first.event.id);
      expect(again.event.offset).toBe(1);
    },
  ),

  transactions: storeCheck(
    'replays inside a transaction without failing it, and a rollback frees the key',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const key = idempotencyKey();
      const [first, retry] = await store.transaction(async (tx) => [
        await tx.events.appendOnce(session.id, messageEvent('Hi'), key),
        await tx.events.appendOnce(session.id, messageEvent('Hi'), key),
      ]);
      expect(retry).toEqual({ event: first?.event, replayed: true });
      const rolledBack = idempotencyKey();
      await expect(
        store.transaction(async (tx) => {
          await tx.events.appendOnce(session.id, messageEvent('Lost'), rolledBack);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await store.events.findByIdempotencyKey(session.id, rolledBack)).toBeUndefined();
      const after = await store.events.appendOnce(session.id, messageEvent('Kept'), rolledBack);
      expect([after.replayed, after.event.offset]).toEqual([false, 1]);
    },
  ),

  badInput: storeCheck(
    'rejects an unknown session and an empty key or fingerprint',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const key = idempotencyKey();
      await expectRejection(
        store.events.appendOnce(uid('missing-'), messageEvent('Hi'), key),
        NotFoundError,
      );
      await expectRejection(store.events.findByIdempotencyKey(uid('missing-'), key), NotFoundError);
      for (const bad of [
        { ...key, key: '' },
        { ...key, fingerprint: '' },
      ]) {
        await expectRejection(
          store.events.appendOnce(session.id, messageEvent('Hi'), bad),
          ValidationError,
        );
      }
      expect(await store.events.list(session.id)).toEqual([]);
    },
  ),
};
