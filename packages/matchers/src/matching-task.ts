import type { Clarification, Guideline, TurnContext } from '@conduct/core';
import type { z } from 'zod';

/** One answer of a task, by local item number. */
export interface TaskVerdict {
  number: number;
  matched: boolean;
  rationale?: string;
  /** Disambiguation: hold these targets back and ask the question instead. */
  clarification?: Clarification;
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
 * One narrow matching question (DESIGN §4 "Matching tasks"): its instructions and examples
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
}
