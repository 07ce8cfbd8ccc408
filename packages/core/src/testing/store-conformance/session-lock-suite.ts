import { expect } from 'vitest';
import { AbortedError, TimeoutError } from '../../errors/errors.js';
import { storeCheck } from './check.js';
import { expectRejection, observe, pause, uid } from './fixtures.js';

/** `store.sessionLocks`: one holder per session at a time. */
export const sessionLockChecks = {
  excludes: storeCheck('lets one caller at a time hold a session', async ({ store }) => {
    const sessionId = uid('lock-');
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = store.sessionLocks.withSessionLock(sessionId, async (lease) => {
      expect(lease.sessionId).toBe(sessionId);
      order.push('first in');
      await held;
      order.push('first out');
      return 1;
    });
    await pause(20);
    const second = observe(
      store.sessionLocks.withSessionLock(sessionId, async () => {
        order.push('second in');
        return 2;
      }),
    );
    await pause(50);
    expect(second.settled, 'a second caller held the session while the first did').toBe(false);
    release();
    expect(await first).toBe(1);
    expect(await second.promise).toBe(2);
    expect(order).toEqual(['first in', 'first out', 'second in']);
  }),

  independentSessions: storeCheck('never blocks another session', async ({ store }) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = store.sessionLocks.withSessionLock(uid('lock-'), () => held);
    await pause(20);
    expect(await store.sessionLocks.withSessionLock(uid('lock-'), async () => 'other')).toBe(
      'other',
    );
    release();
    await first;
  }),

  givesUp: storeCheck(
    'gives up on timeout or abort, and releases after a rejected work',
    async ({ store }) => {
      const sessionId = uid('lock-');
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const holder = store.sessionLocks.withSessionLock(sessionId, async (lease) => {
        await held;
        expect(lease.signal.aborted).toBe(false);
      });
      await pause(20);
      await expectRejection(
        store.sessionLocks.withSessionLock(sessionId, async () => {}, { timeoutMs: 50 }),
        TimeoutError,
      );
      const controller = new AbortController();
      const aborted = store.sessionLocks.withSessionLock(sessionId, async () => {}, {
        signal: controller.signal,
      });
      controller.abort();
      await expectRejection(aborted, AbortedError);
      release();
      await holder;
      const failure = new Error('work failed');
      await expect(
        store.sessionLocks.withSessionLock(sessionId, async () => {
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(
        await store.sessionLocks.withSessionLock(sessionId, async () => 'free', {
          timeoutMs: 2000,
        }),
      ).toBe('free');
    },
  ),
};
