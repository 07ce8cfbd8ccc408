import { expect } from 'vitest';
import type { NewEvent } from '../../domain/event.js';
import { NotFoundError, ValidationError } from '../../errors/errors.js';
import { storeCheck } from './check.js';
import {
  createSession,
  customEvent,
  expectRejection,
  GENERATED_ID,
  issuePaths,
  messageEvent,
  range,
  scribble,
  statusEvent,
  traceId,
  uid,
} from './fixtures.js';

/** Appending, reading and validating events; offsets under concurrency. */
export const eventLogChecks = {
  appendsAtNextOffset: storeCheck(
    'appends at offset 0, 1, 2… with store-assigned fields',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const trace = traceId();
      const first = await store.events.append(session.id, messageEvent('Hi', { traceId: trace }));
      expect(first).toEqual({
        id: first.id,
        sessionId: session.id,
        offset: 0,
        kind: 'message',
        source: 'customer',
        traceId: trace,
        createdAt: first.createdAt,
        metadata: {},
        deleted: false,
        revision: 0,
        data: { message: 'Hi', participant: { id: null, display_name: 'Conformance customer' } },
      });
      expect(first.id).toMatch(GENERATED_ID);
      expect(Number.isNaN(Date.parse(first.createdAt))).toBe(false);
      const second = await store.events.append(session.id, statusEvent('typing'));
      const third = await store.events.append(session.id, customEvent({ n: 3 }));
      expect([second.offset, third.offset]).toEqual([1, 2]);
      expect(await store.events.get(session.id, first.id)).toEqual(first);
      expect(await store.events.list(session.id)).toEqual([first, second, third]);
    },
  ),

  customEventIdAndMetadata: storeCheck(
    'honours a custom event id and metadata',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const id = uid();
      const metadata = { source: 'kit', nested: { n: 1 } };
      const event = await store.events.append(session.id, statusEvent('typing', { id, metadata }));
      expect(event.id).toBe(id);
      expect(event.metadata).toEqual(metadata);
      expect(await store.events.get(session.id, id)).toEqual(event);
    },
  ),

  concurrentAppends: storeCheck(
    'gives 50 concurrent appends to one session offsets 0..49, no gap or duplicate',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const appended = await Promise.all(
        range(50).map((n) => store.events.append(session.id, messageEvent(`m${n}`))),
      );
      expect(appended.map((event) => event.offset).sort((a, b) => a - b)).toEqual(range(50));
      expect(new Set(appended.map((event) => event.id)).size).toBe(50);
      const listed = await store.events.list(session.id);
      expect(listed.map((event) => event.offset)).toEqual(range(50));
      const byId = new Map(appended.map((event) => [event.id, event]));
      for (const event of listed) expect(event).toEqual(byId.get(event.id));
    },
  ),

  sessionsDoNotInterfere: storeCheck(
    'keeps offsets and events of two sessions apart under concurrent appends',
    async (context) => {
      const { store } = context;
      const a = await createSession(context);
      const b = await createSession(context, { agentId: a.agentId });
      const appended = await Promise.all(
        range(40).map((n) => store.events.append(n % 2 === 0 ? a.id : b.id, messageEvent(`m${n}`))),
      );
      for (const session of [a, b]) {
        const own = appended.filter((event) => event.sessionId === session.id);
        expect(own.map((event) => event.offset).sort((x, y) => x - y)).toEqual(range(20));
        const listed = await store.events.list(session.id);
        expect(listed.map((event) => event.offset)).toEqual(range(20));
        expect(listed.map((event) => event.id).sort()).toEqual(own.map((event) => event.id).sort());
      }
    },
  ),

  rejectsInvalidEvents: storeCheck(
    'rejects an invalid new event with ValidationError and appends nothing',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const valid = messageEvent('ok') as Record<string, unknown>;
      const invalid: [unknown, unknown[]][] = [
        [{ ...valid, kind: 'chat' }, [['kind']]],
        [{ ...valid, traceId: 'not-a-trace' }, [['traceId']]],
        [{ ...valid, traceId: 'ABCDEF0123456789ABCDEF0123456789' }, [['traceId']]],
        [{ ...valid, source: 'robot' }, [['source']]],
        [{ ...valid, data: { message: 'no participant' } }, [['data', 'participant']]],
        [{ ...statusEvent(), data: { status: 'sleeping', data: {} } }, []],
      ];
      for (const [event, paths] of invalid) {
        const error = await expectRejection(
          store.events.append(session.id, event as NewEvent),
          ValidationError,
        );
        for (const path of paths) expect(issuePaths(error)).toContainEqual(path);
      }
      expect(await store.events.list(session.id, { includeDeleted: true })).toEqual([]);
      const next = await store.events.append(session.id, messageEvent('ok'));
      expect(next.offset).toBe(0);
    },
  ),

  unknownSession: storeCheck(
    'rejects every event method with NotFoundError for an unknown session',
    async ({ store }) => {
      const missing = uid();
      const wait = { timeoutMs: 5000 };
      const calls: [string, () => Promise<unknown>][] = [
        ['append', () => store.events.append(missing, messageEvent())],
        ['get', () => store.events.get(missing, uid())],
        ['list', () => store.events.list(missing)],
        ['waitFor', () => store.events.waitFor(missing, {}, wait)],
        ['update', () => store.events.update(missing, uid(), { metadataSet: { a: 1 } })],
        ['waitForUpdate', () => store.events.waitForUpdate(missing, uid(), 0, wait)],
        ['deleteFrom', () => store.events.deleteFrom(missing, 0)],
      ];
      for (const [method, call] of calls) {
        const started = performance.now();
        await expectRejection(call(), NotFoundError);
        // A wait on an unknown session must fail at once, not after its timeout.
        expect(performance.now() - started, method).toBeLessThan(1000);
      }
    },
  ),

  unknownEvent: storeCheck(
    'rejects get, update and waitForUpdate with NotFoundError for an unknown event id',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const other = await createSession(context, { agentId: session.agentId });
      const foreign = await store.events.append(other.id, messageEvent());
      for (const eventId of [uid(), foreign.id]) {
        await expectRejection(store.events.get(session.id, eventId), NotFoundError);
        await expectRejection(
          store.events.update(session.id, eventId, { metadataSet: { a: 1 } }),
          NotFoundError,
        );
        await expectRejection(
          store.events.waitForUpdate(session.id, eventId, 0, { timeoutMs: 5000 }),
          NotFoundError,
        );
      }
      expect(await store.events.get(other.id, foreign.id)).toEqual(foreign);
    },
  ),

  returnsCopies: storeCheck('returns events as copies', async (context) => {
    const { store } = context;
    const session = await createSession(context);
    const appended = await store.events.append(
      session.id,
      messageEvent('original', { metadata: { k: 'v' } }),
    );
    const snapshot = structuredClone(appended);
    const mutateAll = (event: { data: unknown; metadata: object }) => {
      scribble(event);
      scribble(event.metadata);
      if (typeof event.data === 'object' && event.data !== null) scribble(event.data);
    };
    mutateAll(appended);
    mutateAll(await store.events.get(session.id, snapshot.id));
    for (const event of await store.events.list(session.id)) mutateAll(event);
    for (const event of await store.events.waitFor(session.id, {}, { timeoutMs: 1000 })) {
      mutateAll(event);
    }
    expect(await store.events.get(session.id, snapshot.id)).toEqual(snapshot);
    expect(await store.events.list(session.id)).toEqual([snapshot]);
  }),
} as const;
