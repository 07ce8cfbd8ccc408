import { ConfigurationError } from '../errors/errors.js';
import type { LanguageModel } from './language-model.js';
import { LatencyWindow } from './latency-window.js';

/**
 * When a router starts a second request for a call that runs long (see `createModelRouter`).
 * By default the delay adapts: a task's hedge starts once the call has run past the `percentile`
 * of that task's recent successful latencies on that model (never sooner than `minDelayMs`), once
 * `minSamples` calls were seen. Until then (a fresh process, a rarely used task) a task with a
 * deadline is hedged at `coldStartRatio` of its deadline (at least `minDelayMs` when that is
 * still below the deadline), so a hung first call gets a second request before its deadline cuts
 * it off. A budget keeps hedges to a fraction of all calls.
 */
export interface HedgingOptions {
  /**
   * A fixed hedge delay in ms per task, e.g. `{ actionable: 2000 }`, or one for every task;
   * tasks without one use the adaptive delay. It must be positive and below the deadline of
   * every task it applies to (a hedge at or after the deadline never starts): otherwise
   * `createModelRouter` throws a `ConfigurationError`.
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
   * Before `minSamples` calls were seen, a task with a deadline is hedged at this fraction of
   * its deadline (raised to `minDelayMs` when that is still below the deadline). Default 0.4.
   */
  coldStartRatio?: number;
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
  readonly #coldStartRatio: number;
  readonly #deadlines: ReadonlyMap<string, number>;
  readonly #ratio: number;
  readonly #burst: number;
  readonly #cooldownMs: number;
  readonly now: () => number;
  readonly #latencies = new WeakMap<LanguageModel, Map<string, LatencyWindow>>();
  #tokens: number;
  #pausedUntil = Number.NEGATIVE_INFINITY;

  /**
   * @param deadlines The router's task deadlines in ms (tasks without one are absent): the base
   *   of the cold-start delay, and the bound a fixed delay must stay under.
   * @throws ConfigurationError naming the invalid option.
   */
  constructor(options: HedgingOptions = {}, deadlines: ReadonlyMap<string, number> = new Map()) {
    this.#fixed = options.delayMs;
    this.#deadlines = deadlines;
    this.#percentile = check('percentile', options.percentile ?? 0.95, (v) => v > 0 && v <= 1);
    this.#minSamples = check('minSamples', options.minSamples ?? 20, (v) => v >= 1);
    this.#window = check('window', options.window ?? 100, (v) => Number.isInteger(v) && v >= 1);
    this.#minDelayMs = check('minDelayMs', options.minDelayMs ?? 500, (v) => v >= 0);
    this.#coldStartRatio = check(
      'coldStartRatio',
      options.coldStartRatio ?? 0.4,
      (v) => v > 0 && v < 1,
    );
    this.#ratio = check('budgetRatio', options.budgetRatio ?? 0.1, (v) => v >= 0);
    this.#burst = check('burst', options.burst ?? 10, (v) => v >= 1);
    this.#cooldownMs = check('cooldownMs', options.cooldownMs ?? 30_000, (v) => v >= 0);
    checkFixedDelays(this.#fixed, deadlines);
    this.#tokens = this.#burst;
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * The hedge delay of a call of `task` on `model` in ms, or `undefined` when it is not hedged
   * (too few samples yet and no deadline to derive a delay from). Every call asks once, which
   * also earns the budget its share.
   */
  delayFor(task: string, model: LanguageModel): number | undefined {
    this.#tokens = Math.min(this.#burst, this.#tokens + this.#ratio);
    const fixed = typeof this.#fixed === 'number' ? this.#fixed : this.#fixed?.[task];
    if (fixed !== undefined) return fixed;
    const window = this.#latencies.get(model)?.get(task);
    if (window !== undefined && window.count >= this.#minSamples) {
      return Math.max(this.#minDelayMs, window.quantile(this.#percentile));
    }
    const deadline = this.#deadlines.get(task);
    if (deadline === undefined) return undefined;
    const cold = deadline * this.#coldStartRatio;
    // The floor guards against hedging too eagerly, but not at the price of never hedging.
    return this.#minDelayMs < deadline ? Math.max(this.#minDelayMs, cold) : cold;
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

// A fixed delay must be positive and below every deadline it applies to: a hedge due at or after
// the deadline never starts, so the setting would silently do nothing.
function checkFixedDelays(
  fixed: number | Readonly<Record<string, number>> | undefined,
  deadlines: ReadonlyMap<string, number>,
): void {
  if (fixed === undefined) return;
  if (typeof fixed === 'number') {
    check('delayMs', fixed, (v) => v > 0 && Number.isFinite(v));
    let smallest: [string, number] | undefined;
    for (const entry of deadlines) {
      if (smallest === undefined || entry[1] < smallest[1]) smallest = entry;
    }
    if (smallest !== undefined && fixed >= smallest[1]) {
      throw neverStarts(
        'delayMs',
        fixed,
        `the smallest task deadline (${smallest[0]}: ${smallest[1]} ms)`,
      );
    }
    return;
  }
  for (const [task, ms] of Object.entries(fixed)) {
    const name = `delayMs of task '${task}'`;
    check(name, ms, (v) => v > 0 && Number.isFinite(v));
    const deadline = deadlines.get(task);
    if (deadline !== undefined && ms >= deadline) {
      throw neverStarts(name, ms, `that task's deadline (${deadline} ms)`);
    }
  }
}

function neverStarts(name: string, ms: number, bound: string): ConfigurationError {
  return new ConfigurationError(
    `Invalid hedging option ${name}: ${ms} ms is not below ${bound}, so the hedge would never start`,
  );
}

function check(name: string, value: number, valid: (value: number) => boolean): number {
  if (typeof value === 'number' && !Number.isNaN(value) && valid(value)) return value;
  throw new ConfigurationError(`Invalid hedging option ${name}: ${String(value)}`);
}
