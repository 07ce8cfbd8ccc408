import type { Guideline } from '../domain/guideline.js';
import type { LanguageModel } from '../model/language-model.js';
import type { ConductStore } from '../store/ports.js';
import type { GuidelineClassificationReport, GuidelineClassifier } from './guideline-classifier.js';

/** Options of {@link ClassificationKeeper}. */
export interface ClassificationKeeperOptions {
  classifier: GuidelineClassifier;
  store: ConductStore;
  /** The model, with the engine's default timeout (a hung provider cannot hang `prepare`). */
  model: LanguageModel;
}

/**
 * Keeps the routing facts of guidelines up to date, apart from turns: no turn, no session lock
 * and no `await turn` waits for it. After a turn, `check` classifies the agent's guidelines
 * whose facts are missing or stale — each list of guidelines (a behavior snapshot, shared by
 * turns until the behavior model changes) is checked once; `prepare` classifies every stored
 * one. A guideline being classified (by either) is not asked about again meanwhile. `close`
 * aborts what is in flight and waits for it to settle.
 */
export class ClassificationKeeper {
  readonly #options: ClassificationKeeperOptions;
  readonly #checked = new WeakSet<readonly Guideline[]>();
  /** Ids of the guidelines being classified now. */
  readonly #running = new Set<string>();
  /** Classifications in flight; each settles, never rejects. */
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #stopping = new AbortController();

  constructor(options: ClassificationKeeperOptions) {
    this.#options = options;
  }

  /**
   * Starts classifying, in the background, those of `guidelines` that need it; failures go to
   * `onError`. Returns at once.
   */
  check(guidelines: readonly Guideline[], onError: (error: unknown) => void): void {
    const { signal } = this.#stopping;
    if (signal.aborted || this.#checked.has(guidelines)) return;
    this.#checked.add(guidelines);
    const pending = this.#claim(guidelines);
    if (pending.length === 0) return;
    this.#track(
      this.#classify(pending, signal).then(
        ({ failed }) => {
          if (failed.length === 0) return;
          onError(
            new Error(
              `Could not classify ${failed.length} guideline(s), which are matched without their routing facts until they are classified (after the next change to the behavior model, by conduct.prepare() or at the next start): ${failed[0]?.error}`,
            ),
          );
        },
        (error: unknown) => {
          if (!signal.aborted) onError(error);
        },
      ),
    );
  }

  /**
   * Classifies every stored guideline that needs it, once the classifications in flight are
   * done (so what they classified is reported as cached). Rejects when aborted (by `signal`, or
   * by `close`).
   */
  async prepare(signal?: AbortSignal): Promise<GuidelineClassificationReport> {
    const stopping = signal
      ? AbortSignal.any([signal, this.#stopping.signal])
      : this.#stopping.signal;
    await this.#settled(stopping);
    const all = await this.#options.store.guidelines.list();
    // A turn's check that started meanwhile keeps its guidelines (waited for, not reported).
    const taken = new Set(all.filter((g) => this.#running.has(g.id)).map((g) => g.id));
    const pending = this.#claim(all);
    const classifying = this.#classify(pending, stopping);
    this.#track(classifying);
    const report = await classifying;
    await this.#settled(stopping);
    const claimed = new Set(pending.map((guideline) => guideline.id));
    const upToDate = all.filter((g) => !claimed.has(g.id) && !taken.has(g.id)).map((g) => g.id);
    return { ...report, cached: [...report.cached, ...upToDate] };
  }

  /** Aborts the classifications in flight and waits for them to settle. */
  async close(): Promise<void> {
    this.#stopping.abort();
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** Those of `guidelines` that need classifying and nobody is classifying, now marked running. */
  #claim(guidelines: readonly Guideline[]): Guideline[] {
    const { classifier } = this.#options;
    const pending = guidelines.filter(
      (guideline) => !this.#running.has(guideline.id) && classifier.needsClassification(guideline),
    );
    for (const guideline of pending) this.#running.add(guideline.id);
    return pending;
  }

  async #classify(
    pending: readonly Guideline[],
    signal: AbortSignal,
  ): Promise<GuidelineClassificationReport> {
    if (pending.length === 0) return { classified: [], cached: [], failed: [] };
    const { classifier, store, model } = this.#options;
    try {
      return await classifier.classify({ store, model, guidelines: pending, signal });
    } finally {
      for (const guideline of pending) this.#running.delete(guideline.id);
    }
  }

  #track(work: Promise<unknown>): void {
    const settled: Promise<void> = work
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.#inFlight.delete(settled));
    this.#inFlight.add(settled);
  }

  /** Waits until nothing is in flight; rejects if `signal` is aborted first. */
  async #settled(signal: AbortSignal): Promise<void> {
    while (this.#inFlight.size > 0) {
      signal.throwIfAborted();
      let stop!: () => void;
      const aborted = new Promise<void>((resolve) => {
        stop = resolve;
      });
      signal.addEventListener('abort', stop, { once: true });
      await Promise.race([Promise.all([...this.#inFlight]), aborted]);
      signal.removeEventListener('abort', stop);
    }
    signal.throwIfAborted();
  }
}
