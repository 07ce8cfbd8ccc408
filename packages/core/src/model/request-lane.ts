import { AbortedError, TimeoutError } from '../errors/errors.js';
import type { HedgeRecord, LanguageModel, ModelUsage } from './language-model.js';
import { ZERO_USAGE } from './language-model.js';
import { addUsage } from './usage.js';

/** Who started a request of a routed call: the first one, a fallback after a failure, or the hedge. */
export type LaneRole = 'primary' | 'fallback' | 'hedge';

/**
 * One request of a routed call, with its own abort controller: aborted when the caller's signal
 * aborts, when another request won, or (streams) when its own idle deadline fires.
 */
export class RequestLane {
  readonly controller = new AbortController();
  readonly startedAt: number;
  /** Set when the lane's own deadline aborted it: the error the call should report. */
  timedOut: Error | undefined;
  readonly #outer: AbortSignal | undefined;
  readonly #onOuterAbort = () =>
    this.controller.abort(new AbortedError('A model call', { cause: this.#outer?.reason }));

  constructor(
    readonly model: LanguageModel,
    readonly role: LaneRole,
    outer: AbortSignal | undefined,
    now: number,
  ) {
    this.startedAt = now;
    this.#outer = outer;
    if (outer?.aborted) this.#onOuterAbort();
    else outer?.addEventListener('abort', this.#onOuterAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Aborts a request that lost the race to another one. */
  abandon(): void {
    this.controller.abort(
      new AbortedError('A hedged model request (another request answered first)'),
    );
  }

  /**
   * Settles like `work`, but gives up when the lane aborts (a request that ignores its signal
   * cannot hold the call) or, with `timeoutMs`, once that long has passed: then the lane aborts
   * with a `TimeoutError` naming `operation`, and that is what this rejects with.
   */
  within<T>(work: PromiseLike<T>, timeoutMs: number | undefined, operation: string): Promise<T> {
    const inner = Promise.resolve(work);
    // Once abandoned, whatever `work` does later concerns nobody.
    inner.catch(() => {});
    const signal = this.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(this.mapError(signal.reason));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    if (timeoutMs !== undefined && Number.isFinite(timeoutMs) && !signal.aborted) {
      timer = setTimeout(() => {
        this.timedOut = new TimeoutError(operation, timeoutMs);
        this.controller.abort(this.timedOut);
      }, timeoutMs);
    }
    return Promise.race([inner, stopped])
      .catch((error: unknown) => {
        throw this.mapError(error);
      })
      .finally(() => {
        if (timer !== undefined) clearTimeout(timer);
        if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
      });
  }

  /** The error to report for `error`: the lane's own timeout when that is what stopped it. */
  mapError(error: unknown): unknown {
    return this.timedOut ?? error;
  }

  /** Stops listening to the caller's signal; call once the lane has settled. */
  dispose(): void {
    this.#outer?.removeEventListener('abort', this.#onOuterAbort);
  }
}

/**
 * What a decided call reports once hedging is accounted for: its usage (both requests', the
 * loser's estimated) and, when a hedge ran, the record of it. Nothing changes without a hedge.
 */
export function withHedge<R extends { usage: ModelUsage; model: string }>(
  result: R,
  outcome: {
    hedged?: { primary: RequestLane; hedge: RequestLane } | undefined;
    winner: RequestLane;
    loserRunning: boolean;
  },
): R | (R & { hedge: HedgeRecord }) {
  if (outcome.hedged === undefined) return result;
  const { primary, hedge } = outcome.hedged;
  const { winner } = outcome;
  const loserUsage: ModelUsage = outcome.loserRunning
    ? { ...ZERO_USAGE, inputTokens: result.usage.inputTokens }
    : { ...ZERO_USAGE };
  return {
    ...result,
    usage: addUsage(result.usage, loserUsage),
    hedge: {
      delayMs: Math.max(0, Math.round(hedge.startedAt - primary.startedAt)),
      primaryModel: winner === primary ? result.model : primary.model.modelId,
      hedgeModel: winner === hedge ? result.model : hedge.model.modelId,
      winner: winner === hedge ? 'hedge' : 'primary',
      loserUsage,
    },
  };
}
