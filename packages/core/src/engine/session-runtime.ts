import type { SessionLease, SessionLockPort } from '../store/session-locks.js';
import { allowManyAbortListeners } from '../util/abort-listeners.js';
import { errorMessage } from '../util/error-message.js';

/** How a scheduled turn ended. */
export interface TurnOutcome {
  /**
   * - `answered`: a reply was sent;
   * - `no-reply`: the turn completed without a reply (a hook bailed, or the reply was empty);
   * - `failed`: the turn ended with an `error` status;
   * - `cancelled`: a newer customer message cancelled it before it replied;
   * - `superseded`: it never started, because a newer message arrived first (here or, with a
   *   shared store, in another process — which then answers it);
   * - `silent`: the session is in manual mode (or gone), so the engine did nothing.
   */
  status: 'answered' | 'no-reply' | 'failed' | 'cancelled' | 'superseded' | 'silent';
  traceId: string;
  /** The reply message event, when one was sent. */
  replyEventId?: string;
  /** What went wrong, for `failed`. */
  error?: string;
}

/** What to schedule. */
export interface TurnRequest {
  /** Trace id of the newest customer message: the turn answers everything up to it. */
  traceId: string;
  /**
   * Offset of the customer message the turn answers. With it, the turn is skipped when a newer
   * customer message exists by the time it may start, or when a turn already completed for it
   * (in another process, or before a restart). Omitted for explicit `respond` turns.
   */
  messageOffset?: number;
  /** `run` the turn (default), or `mark` it as interrupted (crash recovery). */
  action?: 'run' | 'mark';
  /**
   * `true` (default): the turn takes over the session — a turn that has not committed is
   * cancelled, and turns scheduled before it do not start. `false` (crash recovery): it waits
   * behind them instead, and is itself superseded by any later one; its check of the log then
   * finds its message answered.
   */
  preempt?: boolean;
}

/** What the runtime hands a turn it starts. */
export interface TurnStart {
  sessionId: string;
  traceId: string;
  /** See {@link TurnRequest.messageOffset}. */
  messageOffset?: number;
  action: 'run' | 'mark';
  /**
   * Aborted when a newer customer message arrives before the reply was committed — or when the
   * turn is interrupted (see {@link TurnStart.interrupted}).
   */
  signal: AbortSignal;
  /**
   * True when `signal` was aborted not for a newer message but because this attempt cannot go
   * on: the engine is closing, or the session's lock was lost. The same message is answered again
   * in the same trace (at the next start, or at once on a fresh lock), so the turn ends without
   * `cancelled`/`ready`: its trace keeps a single final `ready`, the one of the attempt that
   * answers (docs/scaling.md).
   */
  interrupted: () => boolean;
  /** The turn calls this when it starts an irreversible step (sending its reply, a consequential tool). */
  commit: () => void;
  /** Whether `commit` was called: a newer message can no longer cancel the turn. */
  isCommitted: () => boolean;
  /** Cancels the turn unless it has committed (a newer customer message landed elsewhere). */
  cancel: () => void;
  /** Settles when work the previous turn left running after its reply (analysis) is done. */
  previous: Promise<void>;
  /**
   * True when that work had already settled before this turn started, so what the turn reads
   * now already reflects it (nothing to read again once `previous` settles).
   */
  previousSettled: boolean;
}

/** What a finished turn leaves behind. */
export interface TurnFinish {
  outcome: TurnOutcome;
  /** Work that runs after the reply (response analysis); the next turn waits for it. */
  background?: Promise<void>;
}

/** Options of {@link SessionRuntime}. */
export interface SessionRuntimeOptions {
  /**
   * The store's session locks: a session's turns run while this process holds its lock, so
   * processes sharing the store take turns per session. Without them, in process only.
   */
  locks?: SessionLockPort;
  /**
   * Closes a turn that could not start because the session's lock could not be taken (the
   * store is unreachable), so that its message does not wait without any status. Its failure
   * goes to `onError`.
   */
  onLockFailure?: (sessionId: string, request: TurnRequest, error: unknown) => Promise<void>;
}

interface RunningTurn {
  controller: AbortController;
  committed: boolean;
}

/** A turn's outcome, and a promise that settles once everything the turn writes is written. */
interface Scheduled {
  outcome: TurnOutcome;
  settled: Promise<void>;
}

/** An outcome with nothing left to write. */
function done(outcome: TurnOutcome): Scheduled {
  return { outcome, settled: Promise.resolve() };
}

/** The abort reason of a turn interrupted by `close()` or a lost lease (not a newer message). */
const INTERRUPTED = Symbol('interrupted');

interface Slot {
  /** Bumped by every schedule: only the newest scheduled turn starts. */
  generation: number;
  /** The highest message offset a turn was scheduled for, if any. */
  newestOffset: number | undefined;
  running: RunningTurn | undefined;
  /** Every scheduled turn, chained, so turns of one session never overlap. */
  chain: Promise<unknown>;
  background: Promise<void>;
  /** `background` has settled. */
  backgroundSettled: boolean;
  /** The store lock's lease once held (`undefined` without store locks). */
  lease: Promise<SessionLease | undefined>;
  /** Lets the store lock go (the slot is idle). */
  release: () => void;
  /** The lease was lost: this slot may no longer run turns. */
  lost: boolean;
}

// A turn whose lease was lost is tried again on a fresh lock, a bounded number of times.
const MAX_ATTEMPTS = 3;

/**
 * One turn per session at a time, newest message wins: a customer message that arrives while
 * a turn has not committed cancels that turn, and a single new turn answers everything. After
 * a commit (the reply started, or a consequential tool ran), the turn finishes and the next one
 * starts.
 *
 * With the store's session locks, a session's slot holds its lock from its first scheduled turn
 * until it is idle again (turns done, after-reply work done), so processes sharing a store take
 * turns per session (see docs/scaling.md).
 */
export class SessionRuntime {
  readonly #slots = new Map<string, Slot>();
  readonly #releases = new Set<Promise<void>>();
  readonly #run: (start: TurnStart) => Promise<TurnFinish>;
  readonly #onError: (error: unknown, context: { sessionId: string }) => void;
  readonly #locks: SessionLockPort | undefined;
  readonly #onLockFailure: SessionRuntimeOptions['onLockFailure'];
  /** Aborted by `close()`: stops waiting for locks that other processes hold. */
  readonly #closing = new AbortController();

  /**
   * @param run runs one turn; it must emit its own `cancelled`/`error` events and not throw.
   * @param onError receives anything a turn throws anyway (a bug or a dead store).
   */
  constructor(
    run: (start: TurnStart) => Promise<TurnFinish>,
    onError: (error: unknown, context: { sessionId: string }) => void,
    options: SessionRuntimeOptions = {},
  ) {
    this.#run = run;
    this.#onError = onError;
    this.#locks = options.locks;
    this.#onLockFailure = options.onLockFailure;
    allowManyAbortListeners(this.#closing.signal);
  }

  /**
   * Schedules a turn that answers the session's newest message, traced as `traceId`. Resolves
   * with how it ended — `superseded` when a newer message took over before it started — once
   * everything the turn writes is written, its after-reply work included.
   */
  async schedule(
    sessionId: string,
    traceId: string,
    options: Omit<TurnRequest, 'traceId'> = {},
  ): Promise<TurnOutcome> {
    const { outcome, settled } = await this.#schedule(sessionId, { ...options, traceId }, 1);
    await settled;
    return outcome;
  }

  /**
   * Like `schedule`, but resolves as soon as the turn's outcome is known (its reply committed),
   * while its after-reply work may still run; `idle` and `close` wait for that work.
   */
  async scheduleOutcome(
    sessionId: string,
    traceId: string,
    options: Omit<TurnRequest, 'traceId'> = {},
  ): Promise<TurnOutcome> {
    return (await this.#schedule(sessionId, { ...options, traceId }, 1)).outcome;
  }

  /** Resolves when every scheduled turn of the session, and its after-reply work, is done. */
  async idle(sessionId: string): Promise<void> {
    for (;;) {
      const slot = this.#slots.get(sessionId);
      if (slot === undefined) return;
      const { chain } = slot;
      await chain;
      await slot.background;
      if (slot.chain === chain && this.#slots.get(sessionId) === slot) return;
    }
  }

  /** Cancels every uncommitted turn, waits for all sessions to go idle and their locks to go. */
  async close(): Promise<void> {
    this.#closing.abort();
    for (const slot of this.#slots.values()) {
      if (slot.running !== undefined && !slot.running.committed) {
        slot.running.controller.abort(INTERRUPTED);
      }
    }
    await Promise.all([...this.#slots.keys()].map((sessionId) => this.idle(sessionId)));
    await Promise.all([...this.#releases]);
  }

  #schedule(sessionId: string, request: TurnRequest, attempt: number): Promise<Scheduled> {
    const slot = this.#slot(sessionId);
    const { messageOffset } = request;
    if (messageOffset !== undefined && slot.newestOffset !== undefined) {
      // Two messages posted at once may be scheduled in the opposite order to their offsets. The
      // older one must not take over: the log gate would skip its turn (a newer message exists)
      // after it stopped the newer one's, and nothing would answer. The newer turn reads it too.
      if (messageOffset < slot.newestOffset) {
        return Promise.resolve(done({ status: 'superseded', traceId: request.traceId }));
      }
    }
    if (messageOffset !== undefined) slot.newestOffset = messageOffset;
    if (request.preempt !== false || slot.generation === 0) {
      slot.generation += 1;
      if (slot.running !== undefined && !slot.running.committed) slot.running.controller.abort();
    }
    const generation = slot.generation;
    const turn = slot.chain.then(() =>
      slot.generation === generation
        ? this.#start(sessionId, slot, request, generation, attempt)
        : done({ status: 'superseded', traceId: request.traceId }),
    );
    slot.chain = turn;
    this.#releaseWhenIdle(sessionId, slot, turn);
    return turn;
  }

  #slot(sessionId: string): Slot {
    const existing = this.#slots.get(sessionId);
    if (existing !== undefined) return existing;
    const slot: Slot = {
      generation: 0,
      newestOffset: undefined,
      running: undefined,
      chain: Promise.resolve(),
      background: Promise.resolve(),
      backgroundSettled: true,
      lease: Promise.resolve(undefined),
      release: () => {},
      lost: false,
    };
    const locks = this.#locks;
    if (locks !== undefined) {
      let release!: () => void;
      const idle = new Promise<void>((resolve) => {
        release = resolve;
      });
      slot.release = release;
      slot.lease = new Promise<SessionLease>((resolve, reject) => {
        const held = locks
          .withSessionLock(
            sessionId,
            async (lease) => {
              lease.signal.addEventListener('abort', () => this.#leaseLost(sessionId, slot), {
                once: true,
              });
              resolve(lease);
              await idle;
            },
            { signal: this.#closing.signal },
          )
          .catch((error: unknown) => reject(error))
          .finally(() => this.#releases.delete(held));
        this.#releases.add(held);
      });
      // Whoever waits for the lease handles a failure; this only silences the unobserved one.
      slot.lease.catch(() => undefined);
    }
    this.#slots.set(sessionId, slot);
    return slot;
  }

  /** Once this turn (the newest) and its after-reply work are done, the slot and lock go. */
  #releaseWhenIdle(sessionId: string, slot: Slot, chain: Promise<unknown>): void {
    const whenIdle = async () => {
      for (;;) {
        const background = slot.background;
        await background;
        if (slot.background === background) break;
      }
      if (slot.chain !== chain) return;
      if (this.#slots.get(sessionId) === slot) this.#slots.delete(sessionId);
      slot.release();
    };
    // Whoever scheduled the turn receives its failure; the slot and its lock must go either way.
    chain.then(whenIdle, whenIdle).catch((error: unknown) => this.#onError(error, { sessionId }));
  }

  #leaseLost(sessionId: string, slot: Slot): void {
    slot.lost = true;
    // New turns must take a fresh lock; this slot only winds down (a committed turn finishes).
    if (this.#slots.get(sessionId) === slot) this.#slots.delete(sessionId);
    slot.release();
    if (slot.running !== undefined && !slot.running.committed) {
      slot.running.controller.abort(INTERRUPTED);
    }
  }

  async #start(
    sessionId: string,
    slot: Slot,
    request: TurnRequest,
    generation: number,
    attempt: number,
  ): Promise<Scheduled> {
    const { traceId } = request;
    try {
      await slot.lease;
    } catch (error) {
      // The lock could not be taken (the database is unreachable): the next schedule retries.
      if (this.#slots.get(sessionId) === slot) this.#slots.delete(sessionId);
      if (this.#closing.signal.aborted) return done({ status: 'cancelled', traceId });
      await this.#onLockFailure?.(sessionId, request, error).catch((closing: unknown) =>
        this.#onError(closing, { sessionId }),
      );
      return done(this.#failed(error, sessionId, traceId));
    }
    if (slot.generation !== generation) return done({ status: 'superseded', traceId });
    if (slot.lost) return this.#retry(sessionId, request, attempt);
    // Shutting down: a turn that has not started stays unfinished, so the next start resumes it.
    if (this.#closing.signal.aborted) return done({ status: 'cancelled', traceId });
    const running: RunningTurn = { controller: new AbortController(), committed: false };
    allowManyAbortListeners(running.controller.signal);
    slot.running = running;
    try {
      const finish = await this.#run({
        sessionId,
        traceId,
        ...(request.messageOffset === undefined ? {} : { messageOffset: request.messageOffset }),
        action: request.action ?? 'run',
        signal: running.controller.signal,
        interrupted: () => running.controller.signal.reason === INTERRUPTED,
        commit: () => {
          running.committed = true;
        },
        isCommitted: () => running.committed,
        cancel: () => {
          if (!running.committed) running.controller.abort();
        },
        previous: slot.background,
        previousSettled: slot.backgroundSettled,
      });
      const settled = this.#setBackground(sessionId, slot, finish.background);
      const interrupted = finish.outcome.status === 'cancelled' && slot.lost;
      if (interrupted && slot.generation === generation)
        return this.#retry(sessionId, request, attempt);
      return { outcome: finish.outcome, settled };
    } catch (error) {
      return done(this.#failed(error, sessionId, traceId));
    } finally {
      slot.running = undefined;
    }
  }

  /**
   * Records the after-reply work of the turn that just ended (the next turn waits for it);
   * returns a promise that settles, never rejects, when it is done.
   */
  #setBackground(sessionId: string, slot: Slot, work: Promise<void> | undefined): Promise<void> {
    slot.backgroundSettled = work === undefined;
    if (work === undefined) {
      slot.background = Promise.resolve();
      return slot.background;
    }
    const background: Promise<void> = work
      .catch((error: unknown) => this.#onError(error, { sessionId }))
      .then(() => {
        if (slot.background === background) slot.backgroundSettled = true;
      });
    slot.background = background;
    return background;
  }

  #retry(sessionId: string, request: TurnRequest, attempt: number): Promise<Scheduled> {
    // A slot made after the loss only holds turns scheduled later: they answer this message too,
    // and scheduling this one there would cancel them.
    if (this.#slots.has(sessionId)) {
      return Promise.resolve(done({ status: 'superseded', traceId: request.traceId }));
    }
    if (attempt >= MAX_ATTEMPTS) {
      const error = new Error(`Lost the lock of session '${sessionId}' ${attempt} times`);
      return Promise.resolve(done(this.#failed(error, sessionId, request.traceId)));
    }
    return this.#schedule(sessionId, request, attempt + 1);
  }

  #failed(error: unknown, sessionId: string, traceId: string): TurnOutcome {
    this.#onError(error, { sessionId });
    return {
      status: 'failed',
      traceId,
      error: errorMessage(error),
    };
  }
}
