import { expect } from 'vitest';
import { NO_TRACE_ID } from '../../domain/event.js';
import type { EventFilter } from '../../store/event-store.js';
import { type CheckContext, storeCheck } from './check.js';
import {
  createSession,
  customEvent,
  messageEvent,
  range,
  statusEvent,
  toolEvent,
  traceId,
} from './fixtures.js';

/** A session with a small, varied log: offsets 0..5 (see the comments for what each is). */
async function seedLog(context: CheckContext) {
  const { store } = context;
  const session = await createSession(context);
  const first = traceId();
  const second = traceId();
  const events = [
    messageEvent('question', { traceId: first }), // 0: customer message, first trace
    statusEvent('acknowledged', { traceId: first }), // 1: ai_agent status, first trace
    toolEvent({ traceId: first }), // 2: system tool, first trace
    messageEvent('answer', { traceId: first, source: 'ai_agent' }), // 3: ai_agent message
    messageEvent('follow-up', { traceId: second }), // 4: customer message, second trace
    customEvent({ note: 'x' }, { traceId: NO_TRACE_ID }), // 5: ai_agent custom, no trace
  ];
  for (const event of events) await store.events.append(session.id, event);
  return { session, first, second };
}

/** Filtering, ordering and soft deletion of the event log. */
export const eventFilterChecks = {
  everyFilter: storeCheck(
    'applies every filter (minOffset, kinds, source, traceId) alone and combined',
    async (context) => {
      const { store } = context;
      const { session, first, second } = await seedLog(context);
      const offsets = async (filter: EventFilter) =>
        (await store.events.list(session.id, filter)).map((event) => event.offset);
      expect(await offsets({})).toEqual(range(6));
      expect(await offsets({ minOffset: 3 })).toEqual([3, 4, 5]);
      expect(await offsets({ minOffset: 6 })).toEqual([]);
      expect(await offsets({ kinds: ['message'] })).toEqual([0, 3, 4]);
      expect(await offsets({ kinds: ['message', 'tool'] })).toEqual([0, 2, 3, 4]);
      expect(await offsets({ kinds: ['status', 'custom'] })).toEqual([1, 5]);
      expect(await offsets({ source: 'customer' })).toEqual([0, 4]);
      expect(await offsets({ source: 'system' })).toEqual([2]);
      expect(await offsets({ source: 'human_agent' })).toEqual([]);
      expect(await offsets({ traceId: first })).toEqual([0, 1, 2, 3]);
      expect(await offsets({ traceId: second })).toEqual([4]);
      expect(await offsets({ traceId: NO_TRACE_ID })).toEqual([5]);
      expect(await offsets({ traceId: traceId() })).toEqual([]);
      expect(
        await offsets({ minOffset: 1, kinds: ['message'], source: 'ai_agent', traceId: first }),
      ).toEqual([3]);
      expect(await offsets({ minOffset: 1, kinds: ['message'], source: 'customer' })).toEqual([4]);
    },
  ),

  waitForAppliesFilter: storeCheck(
    'waitFor returns at once with every matching event when some already exist',
    async (context) => {
      const { store } = context;
      const { session } = await seedLog(context);
      const started = performance.now();
      const events = await store.events.waitFor(
        session.id,
        { minOffset: 1, source: 'customer' },
        { timeoutMs: 5000 },
      );
      expect(performance.now() - started).toBeLessThan(1000);
      expect(events.map((event) => event.offset)).toEqual([4]);
      const messages = await store.events.waitFor(
        session.id,
        { kinds: ['message'] },
        { timeoutMs: 5000 },
      );
      expect(messages.map((event) => event.offset)).toEqual([0, 3, 4]);
    },
  ),

  softDelete: storeCheck(
    'soft-deletes from an offset, counts them and never reuses their offsets',
    async (context) => {
      const { store } = context;
      const { session } = await seedLog(context);
      expect(await store.events.deleteFrom(session.id, 4)).toBe(2);
      const kept = await store.events.list(session.id);
      expect(kept.map((event) => event.offset)).toEqual([0, 1, 2, 3]);
      expect(kept.every((event) => !event.deleted)).toBe(true);

      const all = await store.events.list(session.id, { includeDeleted: true });
      expect(all.map((event) => [event.offset, event.deleted])).toEqual([
        [0, false],
        [1, false],
        [2, false],
        [3, false],
        [4, true],
        [5, true],
      ]);
      const deletedMessages = await store.events.list(session.id, {
        includeDeleted: true,
        kinds: ['message'],
        minOffset: 1,
      });
      expect(deletedMessages.map((event) => event.offset)).toEqual([3, 4]);

      const next = await store.events.append(session.id, messageEvent('after delete'));
      expect(next.offset).toBe(6);
      expect(await store.events.deleteFrom(session.id, 5)).toBe(1);
      expect(await store.events.deleteFrom(session.id, 0)).toBe(4);
      expect(await store.events.list(session.id)).toEqual([]);
      expect(await store.events.deleteFrom(session.id, 0)).toBe(0);
      const again = await store.events.append(session.id, statusEvent());
      expect(again.offset).toBe(7);
      expect(await store.events.list(session.id)).toEqual([again]);
      expect((await store.events.list(session.id, { includeDeleted: true })).length).toBe(8);
    },
  ),

  waitForSkipsDeleted: storeCheck('waitFor never returns deleted events', async (context) => {
    const { store } = context;
    const session = await createSession(context);
    await store.events.append(session.id, messageEvent('gone'));
    expect(await store.events.deleteFrom(session.id, 0)).toBe(1);
    const started = performance.now();
    expect(await store.events.waitFor(session.id, {}, { timeoutMs: 150 })).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(130);
  }),
} as const;
