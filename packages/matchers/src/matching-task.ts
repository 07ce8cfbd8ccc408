import type { Clarification, Guideline, TurnContext } from '@conduct/core';
import type { z } from 'zod';
import type { PerItemVerdicts } from './answer-shapes.js';

/** One answer of a task, by local item number. */
export interface TaskVerdict {
  number: number;
  matched: boolean;
  rationale?: string;
  /** Disambiguation: hold these targets back and ask the question instead. */
  clarification?: Clarification;
  /**
   * The answer gave no usable verdict for this item (left out of a per-item answer, answered
   * twice, or left out of a list that named an unasked item): the guideline is reported
   * unevaluated with this reason, and `matched` is ignored.
   */
  error?: string;
}

/** A worked example shown to the model (kept as data, rendered the same way as real input). */
export interface TaskExample {
  /** Conversation lines, oldest first (`Customer: …`, `Agent: …`). */
  conversation: readonly string[];
  /** Extra context lines, as the task's `context` hook renders them (when it has one). */
  context?: readonly string[];
  /** The numbered items, as the task renders them. */
  items: readonly string[];
  /** The answer the model should give, exactly in the task's output schema. */
  answer: unknown;
}

/**
 * One narrow matching question (docs/architecture.md#matching-tasks): its instructions and examples
 * (static, so provider prompt caches hit), how a guideline is shown to the model, the terse
 * output schema, and how answers map back to guidelines.
 */
export interface MatchingTask<Answer = unknown> {
  /** Task name: routing key for models and the strategy name in decision records. */
  readonly name: string;
  readonly instructions: readonly string[];
  readonly examples: readonly TaskExample[];
  /** The output schema of one batch. Keep it terse: output tokens dominate latency. */
  readonly schema: z.ZodType<Answer>;
  /**
   * The output schema for a batch of `size` items, with item numbers bounded to 1..size (shown
   * to the model as `minimum`/`maximum` and enforced on validation). Default: {@link schema}.
   */
  schemaFor?(size: number): z.ZodType<Answer>;
  /** How one guideline is shown, e.g. `When the customer asks for a refund → explain the policy`. */
  describe(guideline: Guideline, context: TurnContext): string;
  /**
   * Maps a batch answer to verdicts by local number (1-based). Numbers outside the batch are
   * ignored by the runner; guidelines without an answer are reported unevaluated. `batch` and
   * `context` are there for answers that refer to more than the item number (e.g. the lettered
   * options of `disambiguation`).
   */
  read(
    answer: Answer,
    batchSize: number,
    batch: readonly Guideline[],
    context: TurnContext,
  ): TaskVerdict[];
  /** Extra dynamic context (e.g. when each guideline was last applied). */
  context?(batch: readonly Guideline[], context: TurnContext): string[];
  /**
   * The same question asked item by item (a reason, then the verdict, for every item), for a
   * task whose usual answer lists only the items that apply. The runner uses it for small
   * batches and when the task's model is marked small (see `RunTaskOptions.perItemUpTo`).
   * Same `name`, so it is routed and recorded as the task.
   */
  readonly perItem?: MatchingTask<PerItemVerdicts>;
}
