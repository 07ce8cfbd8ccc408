import type { Guideline } from '../domain/guideline.js';
import type { LanguageModel } from '../model/language-model.js';
import type { ConductStore } from '../store/ports.js';
import type { GuidelineClassifier } from './guideline-classifier.js';

/** Options of {@link ClassificationKeeper}. */
export interface ClassificationKeeperOptions {
  classifier: GuidelineClassifier;
  store: ConductStore;
  model: LanguageModel;
}

/**
 * Keeps the routing facts of the guidelines turns see up to date: after a turn, the agent's
 * guidelines whose facts are missing or stale are classified — each list of guidelines (a
 * behavior snapshot, shared by turns until the behavior model changes) is checked once, and a
 * guideline already being classified is not asked about twice.
 */
export class ClassificationKeeper {
  readonly #options: ClassificationKeeperOptions;
  readonly #checked = new WeakSet<readonly Guideline[]>();
  readonly #running = new Set<string>();
  readonly #stopping = new AbortController();

  constructor(options: ClassificationKeeperOptions) {
    this.#options = options;
  }

  /**
   * Starts classifying those of `guidelines` that need it. Returns a promise that settles (never
   * rejects) when that is done, or `undefined` when there is nothing to do. Failures go to
   * `onError`.
   */
  check(
    guidelines: readonly Guideline[],
    onError: (error: unknown) => void,
  ): Promise<void> | undefined {
    const { classifier, store, model } = this.#options;
    const { signal } = this.#stopping;
    if (signal.aborted || this.#checked.has(guidelines)) return undefined;
    this.#checked.add(guidelines);
    const pending = guidelines.filter(
      (guideline) => !this.#running.has(guideline.id) && classifier.needsClassification(guideline),
    );
    if (pending.length === 0) return undefined;
    for (const guideline of pending) this.#running.add(guideline.id);
    return classifier
      .classify({ store, model, guidelines: pending, signal })
      .then(({ failed }) => {
        if (failed.length === 0) return;
        onError(
          new Error(
            `Could not classify ${failed.length} guideline(s), which are matched without their routing facts until they are classified (after the next change to the behavior model, by conduct.prepare() or at the next start): ${failed[0]?.error}`,
          ),
        );
      })
      .catch((error: unknown) => {
        if (!signal.aborted) onError(error);
      })
      .finally(() => {
        for (const guideline of pending) this.#running.delete(guideline.id);
      });
  }

  /** Aborts classifications in flight (the engine is closing). */
  stop(): void {
    this.#stopping.abort();
  }
}
