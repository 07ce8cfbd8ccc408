import { ConfigurationError } from '../errors/errors.js';
import type { ScriptedAnswer } from './model-script.js';

/**
 * The per-task script of a scripted model: queued answers are used first, one per attempt, then
 * the task's standing (`on`) answer, then the fallback.
 */
export class ScriptBook {
  readonly #initial: Readonly<Record<string, ScriptedAnswer>>;
  readonly #fallback: ScriptedAnswer | undefined;
  readonly #answers = new Map<string, ScriptedAnswer>();
  readonly #queues = new Map<string, ScriptedAnswer[]>();

  constructor(
    initial: Readonly<Record<string, ScriptedAnswer>> = {},
    fallback: ScriptedAnswer | undefined = undefined,
  ) {
    this.#initial = initial;
    this.#fallback = fallback;
    this.reset();
  }

  /** Sets the standing answer of `task`. */
  on(task: string, answer: ScriptedAnswer): void {
    this.#answers.set(task, answer);
  }

  /** Appends answers to the queue of `task`. */
  queue(task: string, answers: readonly ScriptedAnswer[]): void {
    this.#queues.set(task, [...(this.#queues.get(task) ?? []), ...answers]);
  }

  /** Queued answers of `task` not used yet. */
  pending(task: string): number {
    return this.#queues.get(task)?.length ?? 0;
  }

  /** Back to the answers given at construction. */
  reset(): void {
    this.#queues.clear();
    this.#answers.clear();
    for (const [task, answer] of Object.entries(this.#initial)) this.#answers.set(task, answer);
  }

  /**
   * Takes the next answer for `task`, or throws `ConfigurationError` naming the task and the
   * scripted ones. `label` describes the call in that message, e.g. `object task`.
   */
  next(task: string, label: string, modelId: string): ScriptedAnswer {
    const queued = this.#queues.get(task);
    if (queued !== undefined && queued.length > 0) return queued.shift() as ScriptedAnswer;
    if (this.#answers.has(task)) return this.#answers.get(task) as ScriptedAnswer;
    if (this.#fallback !== undefined) return this.#fallback;
    const known = [...new Set([...this.#answers.keys(), ...this.#queues.keys()])].sort();
    const list = known.length > 0 ? known.map((name) => `'${name}'`).join(', ') : '(none)';
    throw new ConfigurationError(
      `Scripted model '${modelId}' has no answer for ${label} '${task}'. ` +
        `Scripted tasks: ${list}. ` +
        `Script it with model.on('${task}', answer) or model.queue('${task}', …answers).`,
    );
  }
}
