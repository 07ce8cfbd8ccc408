import { ConfigurationError } from '../errors/errors.js';
import type { LanguageModel } from './language-model.js';
import { LatencyWindow } from './latency-window.js';

/**
 * When a router starts a second request for a call that runs long (see `createModelRouter`).
 * By default the delay adapts: a task's hedge starts once the call has run past the `percentile`
 * of that task's recent successful latencies on that model (never sooner than `minDelayMs`), and
 * only after `minSamples` calls were seen. A budget keeps hedges to a fraction of all calls.
 */
export interface HedgingOptions {
  /**
   * A fixed hedge delay in ms per task, e.g. `{ actionable: 2000 }`, or one for every task;
   * tasks without one use the adaptive delay.
   */
  delayMs?: number | Readonly<Record<string, number>>;
  /** Which quantile of recent latencies a call must run past before it is hedged. Default 0.95. */
  percentile?: number;
  /** Successful calls of a task on a model to see before hedging it adaptively. Default 20. */
  minSamples?: number;
  /** How many recent latencies are kept per task and model. Default 100. */
  window?: number;
  /** The adaptive delay is never shorter than this, in ms. Default 500. */
  minDelayMs?: number;
  /**
   * Hedges earned per call: the router hedges at most about this fraction of its calls (plus
   * `burst`), whatever the latencies. Default 0.1.
   */
  budgetRatio?: number;
  /** Hedges available at once (and at start). Default 10. */
  burst?: number;
  /** After a hedge failed (an error or its own timeout), no hedging for this long, in ms. Default 30 000. */
  cooldownMs?: number;
  /** Clock, for tests. Default `performance.now`. */
  now?: () => number;
}

/** The hedging state one router shares across all its routes and tasks. */
export class HedgePolicy {
  readonly #fixed: number | Readonly<Record<string, number>> | undefined;
  readonly #percentile: number;
  readonly #minSamples: number;
  readonly #window: number;
  readonly #minDelayMs: number;
  readonly #ratio: number;
  readonly #burst: number;
  readonly #cooldownMs: number;
  readonly now: () => number;
  readonly #latencies = new WeakMap<LanguageModel, Map<string, LatencyWindow>>();
  #tokens: number;
  #pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(options: HedgingOptions = {}) {
    this.#fixed = options.delayMs;
    this.#percentile = check('percentile', options.percentile ?? 0.95, (v) => v > 0 && v <= 1);
    this.#minSamples = check('minSamples', options.minSamples ?? 20, (v) => v >= 1);
    this.#window = check('window', options.window ?? 100, (v) => Number.isInteger(v) && v >= 1);
    this.#minDelayMs = check('minDelayMs', options.minDelayMs ?? 500, (v) => v >= 0);
    this.#ratio = check('budgetRatio', options.budgetRatio ?? 0.1, (v) => v >= 0);
    this.#burst = check('burst', options.burst ?? 10, (v) => v >= 1);
    this.#cooldownMs = check('cooldownMs', options.cooldownMs ?? 30_000, (v) => v >= 0);
    for (const [task, ms] of Object.entries(fixedDelays(this.#fixed))) {
      check(`delayMs of task '${task}'`, ms, (v) => v >= 0);
    }
    this.#tokens = this.#burst;
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * The hedge delay of a call of `task` on `model` in ms, or `undefined` when it is not hedged
   * (too few samples yet). Every call asks once, which also earns the budget its share.
   */
  delayFor(task: string, model: LanguageModel): number | undefined {
    this.#tokens = Math.min(this.#burst, this.#tokens + this.#ratio);
    const fixed = typeof this.#fixed === 'number' ? this.#fixed : this.#fixed?.[task];
    if (fixed !== undefined) return fixed;
    const window = this.#latencies.get(model)?.get(task);
    if (window === undefined || window.count < this.#minSamples) return undefined;
    return Math.max(this.#minDelayMs, window.quantile(this.#percentile));
  }

  /** Takes one hedge from the budget; false while cooling down after a failure or when spent. */
  tryStartHedge(): boolean {
    if (this.now() < this.#pausedUntil || this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Records the latency of a successful request (the time to its first text, for streams). */
  recordLatency(task: string, model: LanguageModel, ms: number): void {
    let byTask = this.#latencies.get(model);
    if (byTask === undefined) {
      byTask = new Map();
      this.#latencies.set(model, byTask);
    }
    let window = byTask.get(task);
    if (window === undefined) {
      window = new LatencyWindow(this.#window);
      byTask.set(task, window);
    }
    window.add(ms);
  }

  /** A hedge failed on its own (not because it lost): hedging pauses for `cooldownMs`. */
  recordHedgeFailure(): void {
    this.#pausedUntil = this.now() + this.#cooldownMs;
  }
}

function fixedDelays(
  fixed: number | Readonly<Record<string, number>> | undefined,
): Readonly<Record<string, number>> {
  if (fixed === undefined) return {};
  return typeof fixed === 'number' ? { all: fixed } : fixed;
}

function check(name: string, value: number, valid: (value: number) => boolean): number {
  if (typeof value === 'number' && !Number.isNaN(value) && valid(value)) return value;
  throw new ConfigurationError(`Invalid hedging option ${name}: ${String(value)}`);
}
