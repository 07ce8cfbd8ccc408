import { allowManyAbortListeners } from '../util/abort-listeners.js';

/** How a scheduled turn ended. */
export interface TurnOutcome {
  /**
   * - `answered`: a reply was sent;
   * - `no-reply`: the turn completed without a reply (a hook bailed, or the reply was empty);
   * - `failed`: the turn ended with an `error` status;
   * - `cancelled`: a newer customer message cancelled it before it replied;
   * - `superseded`: it never started, because a newer message arrived first;
   * - `silent`: the session is in manual mode (or gone), so the engine did nothing.
   */
  status: 'answered' | 'no-reply' | 'failed' | 'cancelled' | 'superseded' | 'silent';
  traceId: string;
  /** The reply message event, when one was sent. */
  replyEventId?: string;
  /** What went wrong, for `failed`. */
  error?: string;
}

/** What the runtime hands a turn it starts. */
export interface TurnStart {
  sessionId: string;
  /** Trace id of the newest customer message: the turn answers everything up to it. */
  traceId: string;
  /** Aborted when a newer customer message arrives before the reply was committed. */
  signal: AbortSignal;
  /** The turn calls this when it starts an irreversible step (sending its reply, a consequential tool). */
  commit: () => void;
  /** Settles when work the previous turn left running after its reply (analysis) is done. */
  previous: Promise<void>;
}

/** What a finished turn leaves behind. */
export interface TurnFinish {
  outcome: TurnOutcome;
  /** Work that runs after the reply (response analysis); the next turn waits for it. */
  background?: Promise<void>;
}

interface RunningTurn {
  controller: AbortController;
  committed: boolean;
}

interface Slot {
  /** Bumped by every schedule: only the newest scheduled turn starts. */
  generation: number;
  running: RunningTurn | undefined;
  /** Every scheduled turn, chained, so turns of one session never overlap. */
  chain: Promise<unknown>;
  background: Promise<void>;
}

/**
 * One turn per session at a time, newest message wins: a customer message that arrives while
 * a turn has not committed cancels that turn, and a single new turn answers everything. After
 * a commit (the reply started, or a consequential tool ran), the turn finishes and the next one
 * starts. In-process only; multi-process coordination is a store concern.
 */
export class SessionRuntime {
  readonly #slots = new Map<string, Slot>();
  readonly #run: (start: TurnStart) => Promise<TurnFinish>;
  readonly #onError: (error: unknown, sessionId: string) => void;

  /**
   * @param run runs one turn; it must emit its own `cancelled`/`error` events and not throw.
   * @param onError receives anything a turn throws anyway (a bug or a dead store).
   */
  constructor(
    run: (start: TurnStart) => Promise<TurnFinish>,
    onError: (error: unknown, sessionId: string) => void,
  ) {
    this.#run = run;
    this.#onError = onError;
  }

  /**
   * Schedules a turn that answers the session's newest message, traced as `traceId`. Resolves
   * with how it ended — `superseded` when a newer message took over before it started.
   */
  schedule(sessionId: string, traceId: string): Promise<TurnOutcome> {
    const slot = this.#slot(sessionId);
    slot.generation += 1;
    const generation = slot.generation;
    if (slot.running !== undefined && !slot.running.committed) slot.running.controller.abort();
    const turn = slot.chain.then(() =>
      slot.generation === generation
        ? this.#start(sessionId, slot, traceId, generation)
        : { status: 'superseded' as const, traceId },
    );
    slot.chain = turn;
    return turn;
  }

  /** Resolves when every scheduled turn of the session, and its after-reply work, is done. */
  async idle(sessionId: string): Promise<void> {
    for (;;) {
      const slot = this.#slots.get(sessionId);
      if (slot === undefined) return;
      const { chain } = slot;
      await chain;
      await slot.background;
      if (slot.chain === chain) return;
    }
  }

  /** Cancels every uncommitted turn and waits for all sessions to go idle. */
  async close(): Promise<void> {
    for (const slot of this.#slots.values()) {
      if (slot.running !== undefined && !slot.running.committed) slot.running.controller.abort();
    }
    await Promise.all([...this.#slots.keys()].map((sessionId) => this.idle(sessionId)));
  }

  #slot(sessionId: string): Slot {
    let slot = this.#slots.get(sessionId);
    if (slot === undefined) {
      slot = {
        generation: 0,
        running: undefined,
        chain: Promise.resolve(),
        background: Promise.resolve(),
      };
      this.#slots.set(sessionId, slot);
    }
    return slot;
  }

  async #start(
    sessionId: string,
    slot: Slot,
    traceId: string,
    generation: number,
  ): Promise<TurnOutcome> {
    const running: RunningTurn = { controller: new AbortController(), committed: false };
    allowManyAbortListeners(running.controller.signal);
    slot.running = running;
    try {
      const finish = await this.#run({
        sessionId,
        traceId,
        signal: running.controller.signal,
        commit: () => {
          running.committed = true;
        },
        previous: slot.background,
      });
      slot.background = (finish.background ?? Promise.resolve())
        .catch((error: unknown) => this.#onError(error, sessionId))
        .finally(() => {
          // Forget idle sessions so a long-running server does not accumulate slots.
          const idle = slot.generation === generation && slot.running === undefined;
          if (idle && this.#slots.get(sessionId) === slot) this.#slots.delete(sessionId);
        });
      return finish.outcome;
    } catch (error) {
      this.#onError(error, sessionId);
      return {
        status: 'failed',
        traceId,
        error: error instanceof Error ? error.message : String(error),
      };
    } finally {
      slot.running = undefined;
    }
  }
}
