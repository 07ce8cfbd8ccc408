/** What the runtime hands a turn it starts. */
export interface TurnStart {
  sessionId: string;
  /** Trace id of the newest customer message: the turn answers everything up to it. */
  traceId: string;
  /** Aborted when a newer customer message arrives before the reply was committed. */
  signal: AbortSignal;
  /** The turn calls this when it starts sending its reply: from then on it is not cancelled. */
  commit: () => void;
  /** Settles when work the previous turn left running after its reply (analysis) is done. */
  previous: Promise<void>;
}

/** What a finished turn leaves behind. */
export interface TurnFinish {
  /** Work that runs after the reply (response analysis); the next turn waits for it. */
  background?: Promise<void>;
}

interface RunningTurn {
  traceId: string;
  controller: AbortController;
  committed: boolean;
}

interface Slot {
  latestTraceId: string;
  running: RunningTurn | undefined;
  /** Every scheduled turn, chained, so turns of one session never overlap. */
  chain: Promise<void>;
  background: Promise<void>;
}

/**
 * One turn per session at a time, newest message wins: a customer message that arrives while
 * a turn has not committed its reply cancels that turn, and a single new turn answers
 * everything. After a reply is committed, the turn finishes and the next one starts.
 * In-process only; multi-process coordination is a store concern.
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
   * Schedules a turn for the session's newest customer message. Resolves once that message has
   * been answered, or once a newer message has taken over.
   */
  schedule(sessionId: string, traceId: string): Promise<void> {
    const slot = this.#slot(sessionId, traceId);
    slot.latestTraceId = traceId;
    if (slot.running !== undefined && !slot.running.committed) slot.running.controller.abort();
    const turn = slot.chain.then(() =>
      slot.latestTraceId === traceId ? this.#start(sessionId, slot, traceId) : undefined,
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

  #slot(sessionId: string, traceId: string): Slot {
    let slot = this.#slots.get(sessionId);
    if (slot === undefined) {
      slot = {
        latestTraceId: traceId,
        running: undefined,
        chain: Promise.resolve(),
        background: Promise.resolve(),
      };
      this.#slots.set(sessionId, slot);
    }
    return slot;
  }

  async #start(sessionId: string, slot: Slot, traceId: string): Promise<void> {
    const running: RunningTurn = { traceId, controller: new AbortController(), committed: false };
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
          const idle = slot.latestTraceId === traceId && slot.running === undefined;
          if (idle && this.#slots.get(sessionId) === slot) this.#slots.delete(sessionId);
        });
    } catch (error) {
      this.#onError(error, sessionId);
    } finally {
      slot.running = undefined;
    }
  }
}
