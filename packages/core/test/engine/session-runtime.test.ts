import { describe, expect, it } from 'vitest';
import {
  SessionRuntime,
  type TurnFinish,
  type TurnOutcome,
  type TurnStart,
} from '../../src/engine/session-runtime.js';
import type { SessionLease, SessionLockPort } from '../../src/store/session-locks.js';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Locks that grant at once and let the test lose a lease or see when one is released. */
class ControlledLocks implements SessionLockPort {
  readonly leases: { controller: AbortController; released: boolean }[] = [];

  async withSessionLock<T>(sessionId: string, work: (lease: SessionLease) => Promise<T>) {
    const entry = { controller: new AbortController(), released: false };
    this.leases.push(entry);
    try {
      return await work({ sessionId, signal: entry.controller.signal });
    } finally {
      entry.released = true;
    }
  }
}

/**
 * A scripted turn runner: a turn named in `committed` commits at once; every turn runs until
 * the test finishes it (`finish(traceId)`) or it is cancelled.
 */
function turns(committed: readonly string[] = []) {
  const started: TurnStart[] = [];
  const finishers = new Map<string, ReturnType<typeof deferred<TurnFinish | undefined>>>();
  const finisher = (traceId: string) => {
    let entry = finishers.get(traceId);
    if (entry === undefined) {
      entry = deferred<TurnFinish | undefined>();
      finishers.set(traceId, entry);
    }
    return entry;
  };
  const run = async (start: TurnStart): Promise<TurnFinish> => {
    started.push(start);
    if (committed.includes(start.traceId)) start.commit();
    const cancelled = new Promise<undefined>((resolve) =>
      start.signal.addEventListener('abort', () => resolve(undefined), { once: true }),
    );
    const finish = await Promise.race([finisher(start.traceId).promise, cancelled]);
    const status: TurnOutcome['status'] = start.signal.aborted ? 'cancelled' : 'answered';
    return finish ?? { outcome: { status, traceId: start.traceId } };
  };
  return {
    run,
    started,
    finish: (traceId: string, background?: Promise<void>) =>
      finisher(traceId).resolve({
        outcome: { status: 'answered', traceId },
        ...(background === undefined ? {} : { background }),
      }),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SessionRuntime', () => {
  it('starts no queued turn once closing, and reports it cancelled', async () => {
    const runner = turns(['m1']);
    const runtime = new SessionRuntime(runner.run, () => {}, { locks: new ControlledLocks() });
    const first = runtime.schedule('s', 'm1');
    await tick();
    // m1 committed, so m2 waits behind it instead of cancelling it.
    const second = runtime.schedule('s', 'm2');
    const closed = runtime.close();
    runner.finish('m1');
    await closed;
    expect((await first).status).toBe('answered');
    expect(await second).toEqual({ status: 'cancelled', traceId: 'm2' });
    expect(runner.started.map((start) => start.traceId)).toEqual(['m1']);
  });

  it('a turn retried after a lost lease never cancels a newer turn on a fresh lock', async () => {
    const runner = turns(['m1']);
    const locks = new ControlledLocks();
    const runtime = new SessionRuntime(runner.run, () => {}, { locks });
    const m1 = runtime.schedule('s', 'm1');
    await tick();
    const m2 = runtime.schedule('s', 'm2');
    locks.leases[0]!.controller.abort();
    // A newer message arrives after the loss: it takes a fresh lock and starts at once.
    const m3 = runtime.schedule('s', 'm3');
    await tick();
    expect(runner.started.map((start) => start.traceId)).toEqual(['m1', 'm3']);
    runner.finish('m1');
    await m1;
    expect((await m2).status).toBe('superseded');
    const m3Start = runner.started.find((start) => start.traceId === 'm3');
    expect(m3Start?.signal.aborted).toBe(false);
    runner.finish('m3');
    expect((await m3).status).toBe('answered');
    await runtime.close();
  });

  it('keeps the turn of the newer message when an older one is scheduled after it', async () => {
    const runner = turns();
    const runtime = new SessionRuntime(runner.run, () => {}, { locks: new ControlledLocks() });
    // Two messages posted at once: their appends finished in the opposite order to their offsets.
    const newer = runtime.schedule('s', 'm2', { messageOffset: 1 });
    const older = runtime.schedule('s', 'm1', { messageOffset: 0 });
    expect((await older).status).toBe('superseded');
    await tick();
    expect(runner.started.map((start) => [start.traceId, start.signal.aborted])).toEqual([
      ['m2', false],
    ]);
    runner.finish('m2');
    expect((await newer).status).toBe('answered');
    await runtime.close();
  });

  it('retries an uncommitted turn whose lease was lost, on a fresh lock', async () => {
    const runner = turns();
    const locks = new ControlledLocks();
    const runtime = new SessionRuntime(runner.run, () => {}, { locks });
    const m1 = runtime.schedule('s', 'm1');
    await tick();
    locks.leases[0]!.controller.abort();
    await tick();
    expect(runner.started.map((start) => start.traceId)).toEqual(['m1', 'm1']);
    expect(locks.leases).toHaveLength(2);
    runner.finish('m1');
    expect((await m1).status).toBe('answered');
    await runtime.close();
  });

  it('tells an interrupted turn (lost lease, closing) from one a newer message cancelled', async () => {
    const runner = turns();
    const locks = new ControlledLocks();
    const runtime = new SessionRuntime(runner.run, () => {}, { locks });
    const m1 = runtime.schedule('s', 'm1');
    await tick();
    const m2 = runtime.schedule('s', 'm2');
    await tick();
    const [first, second] = runner.started;
    expect([first?.signal.aborted, first?.interrupted()]).toEqual([true, false]);
    expect((await m1).status).toBe('cancelled');
    // m2 loses its lease: interrupted, and tried again (same trace) on a fresh lock.
    locks.leases[0]!.controller.abort();
    await tick();
    expect([second?.signal.aborted, second?.interrupted()]).toEqual([true, true]);
    const retried = runner.started[2];
    expect(retried?.traceId).toBe('m2');
    expect(retried?.interrupted()).toBe(false);
    // Closing interrupts it too.
    const closed = runtime.close();
    expect(retried?.interrupted()).toBe(true);
    expect((await m2).status).toBe('cancelled');
    await closed;
  });

  it('holds the lock until the after-reply work is done', async () => {
    const runner = turns();
    const locks = new ControlledLocks();
    const runtime = new SessionRuntime(runner.run, () => {}, { locks });
    const analysis = deferred();
    const m1 = runtime.schedule('s', 'm1');
    await tick();
    runner.finish('m1', analysis.promise);
    let m1Settled = false;
    m1.then(
      () => {
        m1Settled = true;
      },
      (error: unknown) => expect.fail(`the turn failed: ${String(error)}`),
    );
    await tick();
    expect(locks.leases[0]?.released).toBe(false);
    // The turn's promise settles only once its after-reply work is done.
    expect(m1Settled).toBe(false);
    // The next turn waits for the analysis too (it reads what the analysis writes).
    const m2 = runtime.schedule('s', 'm2');
    await tick();
    let previousDone = false;
    runner.started[1]?.previous.then(
      () => {
        previousDone = true;
      },
      (error: unknown) => expect.fail(`the previous work failed: ${String(error)}`),
    );
    await tick();
    expect(previousDone).toBe(false);
    analysis.resolve();
    expect((await m1).status).toBe('answered');
    runner.finish('m2');
    await m2;
    await runtime.idle('s');
    await tick();
    expect(locks.leases.map((lease) => lease.released)).toEqual([true]);
    await runtime.close();
  });
});
