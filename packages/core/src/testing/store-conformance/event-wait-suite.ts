import { expect } from 'vitest';
import { AbortedError, NotFoundError } from '../../errors/errors.js';
import { activeTimerCount } from './active-timers.js';
import { storeCheck } from './check.js';
import {
  createSession,
  expectRejection,
  expectWokenSince,
  messageEvent,
  observe,
  pause,
  range,
  statusEvent,
  timed,
} from './fixtures.js';

// Generous bounds: these prove "woken by a notification, promptly", not a latency target.
const LONG_WAIT = { timeoutMs: 5000 };
// Long enough for a waiter to be really waiting before the test acts.
const SETTLE_MS = 30;

/** Long-polling the event log: wake-ups, timeouts, aborts and deleted sessions. */
export const eventWaitChecks = {
  wakesOnAppend: storeCheck(
    'wakes a waiter within milliseconds of a matching append',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const waiter = observe(store.events.waitFor(session.id, { minOffset: 0 }, LONG_WAIT));
      await pause(SETTLE_MS);
      expect(waiter.settled, 'the waiter resolved before anything was appended').toBe(false);
      const appended = await store.events.append(session.id, messageEvent('wake up'));
      const appendedAt = performance.now();
      expect(await waiter.promise).toEqual([appended]);
      expectWokenSince(waiter, appendedAt);
    },
  ),

  ignoresNonMatchingAppends: storeCheck(
    'keeps waiting through appends that do not match, then returns only matches',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const waiter = observe(store.events.waitFor(session.id, { kinds: ['message'] }, LONG_WAIT));
      await store.events.append(session.id, statusEvent('typing'));
      await pause(SETTLE_MS * 2);
      expect(waiter.settled, 'a non-matching append woke the waiter with a result').toBe(false);
      const message = await store.events.append(session.id, messageEvent('match'));
      const appendedAt = performance.now();
      expect(await waiter.promise).toEqual([message]);
      expectWokenSince(waiter, appendedAt);
    },
  ),

  timesOut: storeCheck('resolves with [] once the timeout passes, not before', async (context) => {
    const { store } = context;
    const session = await createSession(context);
    const outcome = await timed(store.events.waitFor(session.id, {}, { timeoutMs: 300 }));
    expect(outcome.value).toEqual([]);
    // Timers may fire a hair early against performance.now(); allow 10%.
    expect(outcome.ms).toBeGreaterThanOrEqual(270);
    expect(outcome.ms).toBeLessThan(2000);
  }),

  zeroTimeout: storeCheck('returns [] promptly with a zero timeout', async (context) => {
    const { store } = context;
    const session = await createSession(context);
    const outcome = await timed(store.events.waitFor(session.id, {}, { timeoutMs: 0 }));
    expect(outcome.value).toEqual([]);
    expect(outcome.ms).toBeLessThan(1000);
  }),

  abortWhileWaiting: storeCheck('rejects with AbortedError when aborted', async (context) => {
    const { store } = context;
    const session = await createSession(context);
    const controller = new AbortController();
    const waiter = observe(
      store.events.waitFor(session.id, {}, { ...LONG_WAIT, signal: controller.signal }),
    );
    await pause(SETTLE_MS);
    controller.abort();
    const abortedAt = performance.now();
    await expectRejection(waiter.promise, AbortedError);
    expectWokenSince(waiter, abortedAt);
  }),

  abortRightAfterStart: storeCheck(
    'rejects with AbortedError when aborted right after the wait starts',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const controller = new AbortController();
      // Aborting synchronously lands while the store runs its first check.
      const waiting = store.events.waitFor(
        session.id,
        {},
        { timeoutMs: 2000, signal: controller.signal },
      );
      controller.abort();
      const abortedAt = performance.now();
      await expectRejection(waiting, AbortedError);
      expect(performance.now() - abortedAt).toBeLessThan(1000);
    },
  ),

  alreadyAborted: storeCheck(
    'rejects at once with AbortedError for an already-aborted signal',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const signal = AbortSignal.abort();
      const event = await store.events.append(session.id, messageEvent());
      const waits: [string, () => Promise<unknown>][] = [
        [
          'waitFor',
          () => store.events.waitFor(session.id, { minOffset: 1 }, { ...LONG_WAIT, signal }),
        ],
        [
          'waitForUpdate',
          () => store.events.waitForUpdate(session.id, event.id, 0, { ...LONG_WAIT, signal }),
        ],
      ];
      for (const [method, wait] of waits) {
        const started = performance.now();
        await expectRejection(wait(), AbortedError);
        expect(performance.now() - started, method).toBeLessThan(1000);
      }
    },
  ),

  sessionDeletedWakesWaiters: storeCheck(
    'rejects pending waits with NotFoundError when their session is deleted',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const event = await store.events.append(session.id, messageEvent());
      const waiter = observe(store.events.waitFor(session.id, { minOffset: 1 }, LONG_WAIT));
      const updateWaiter = observe(store.events.waitForUpdate(session.id, event.id, 0, LONG_WAIT));
      await pause(SETTLE_MS);
      await store.sessions.delete(session.id);
      const deletedAt = performance.now();
      await expectRejection(waiter.promise, NotFoundError);
      await expectRejection(updateWaiter.promise, NotFoundError);
      for (const settledAt of [waiter.settledAt, updateWaiter.settledAt]) {
        expect((settledAt ?? Number.POSITIVE_INFINITY) - deletedAt).toBeLessThan(1000);
      }
      await expectRejection(store.events.list(session.id), NotFoundError);
      await expectRejection(store.events.get(session.id, event.id), NotFoundError);
      await expectRejection(store.events.append(session.id, messageEvent()), NotFoundError);
      await expectRejection(store.events.deleteFrom(session.id, 0), NotFoundError);
    },
  ),

  leavesNoTimers: storeCheck(
    'leaves no timer behind after woken, aborted and timed-out waits',
    async (context) => {
      const { store } = context;
      const session = await createSession(context);
      const event = await store.events.append(session.id, messageEvent());
      const before = activeTimerCount();
      if (before === undefined) return; // The runtime cannot tell; nothing to check.
      const controller = new AbortController();
      const woken = range(20).map(() =>
        store.events.waitFor(session.id, { minOffset: 1 }, LONG_WAIT),
      );
      const updated = range(10).map(() =>
        store.events.waitForUpdate(session.id, event.id, 0, LONG_WAIT),
      );
      const aborted = range(10).map(() =>
        store.events
          .waitFor(session.id, { minOffset: 99 }, { ...LONG_WAIT, signal: controller.signal })
          .catch((error: unknown) => error),
      );
      const expired = range(10).map(() =>
        store.events.waitFor(session.id, { minOffset: 99 }, { timeoutMs: 50 }),
      );
      await pause(SETTLE_MS);
      await store.events.append(session.id, messageEvent());
      await store.events.update(session.id, event.id, { metadataSet: { seen: true } });
      controller.abort();
      await Promise.all([...woken, ...updated, ...aborted, ...expired]);
      // A couple of timers may belong to the store itself (a pool's idle timer); one per wait
      // would be a leak.
      expect(activeTimerCount()).toBeLessThanOrEqual(before + 2);
    },
  ),
} as const;
