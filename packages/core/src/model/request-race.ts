import { shouldFallBack } from './fallback-model.js';
import type { HedgePolicy } from './hedge-policy.js';
import type { LanguageModel } from './language-model.js';
import { type LaneRole, RequestLane } from './request-lane.js';

/** Options of {@link raceRequests}. */
export interface RaceOptions<T> {
  /** The route's models in fallback order (at least one). */
  chain: readonly LanguageModel[];
  task: string;
  /** The caller's signal: once it aborts, nothing falls back and nothing is hedged. */
  signal: AbortSignal | undefined;
  /** Hedging state; `undefined` turns hedging off. */
  policy: HedgePolicy | undefined;
  /**
   * Sends the request on `lane` (with `lane.signal`); resolves once it has answered — a
   * structured result, or a stream's first text — and rejects with its error.
   */
  start: (lane: RequestLane) => Promise<T>;
}

/** What {@link raceRequests} settled with. */
export interface RaceOutcome<T> {
  value: T;
  /** The lane that answered; the caller disposes it once it is done with it. */
  winner: RequestLane;
  /** The lane that was running when the hedge started, and the hedge, when there was one. */
  hedged?: { primary: RequestLane; hedge: RequestLane };
  /** Whether another request was still running (and was aborted) when the winner answered. */
  loserRunning: boolean;
}

/**
 * Runs one routed call: the chain's first model, the next one after each failure that may fall
 * back (`shouldFallBack`), and at most one hedge — started when the running request has taken
 * longer than the policy's delay for it, on the next model of the chain or, with none left, the
 * same model again. The first request to answer wins and every other one is aborted; when all
 * fail, the last error is rethrown.
 */
export function raceRequests<T>(options: RaceOptions<T>): Promise<RaceOutcome<T>> {
  const { chain, task, signal, policy } = options;
  return new Promise((resolve, reject) => {
    const running = new Set<RequestLane>();
    let nextIndex = 0;
    let hedged: { primary: RequestLane; hedge: RequestLane } | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    let lastError: unknown;

    const finish = (settle: () => void) => {
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      settle();
    };

    const armHedge = (lane: RequestLane) => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (policy === undefined || hedged !== undefined) return;
      const delay = policy.delayFor(task, lane.model);
      if (delay === undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (done || hedged !== undefined || !running.has(lane) || signal?.aborted) return;
        if (!policy.tryStartHedge()) return;
        const model = chain[nextIndex] ?? lane.model;
        if (nextIndex < chain.length) nextIndex += 1;
        hedged = { primary: lane, hedge: launch(model, 'hedge') };
      }, delay);
    };

    const launch = (model: LanguageModel, role: LaneRole): RequestLane => {
      const lane = new RequestLane(model, role, signal, policy?.now() ?? performance.now());
      running.add(lane);
      const settled = () => {
        running.delete(lane);
        lane.dispose();
      };
      let answer: Promise<T>;
      try {
        answer = options.start(lane);
      } catch (error) {
        answer = Promise.reject(error);
      }
      answer.then(
        (value) => {
          if (done) {
            settled();
            return;
          }
          running.delete(lane);
          const now = policy?.now() ?? performance.now();
          policy?.recordLatency(task, lane.model, now - lane.startedAt);
          const loserRunning = running.size > 0;
          for (const other of running) other.abandon();
          finish(() =>
            resolve({
              value,
              winner: lane,
              loserRunning,
              ...(hedged === undefined ? {} : { hedged }),
            }),
          );
        },
        (raw: unknown) => {
          settled();
          if (done) return;
          const error = lane.mapError(raw);
          const mayFallBack = shouldFallBack(error, signal);
          if (role === 'hedge' && mayFallBack) policy?.recordHedgeFailure();
          if (!mayFallBack) {
            for (const other of running) other.abandon();
            finish(() => reject(error));
            return;
          }
          lastError = error;
          const next = chain[nextIndex];
          if (next !== undefined) {
            nextIndex += 1;
            const fallback = launch(next, 'fallback');
            if (hedged === undefined) armHedge(fallback);
          } else if (running.size === 0) {
            finish(() => reject(lastError));
          }
        },
      );
      return lane;
    };

    const first = chain[nextIndex];
    if (first === undefined) throw new Error('raceRequests needs a non-empty chain');
    nextIndex += 1;
    armHedge(launch(first, 'primary'));
  });
}
