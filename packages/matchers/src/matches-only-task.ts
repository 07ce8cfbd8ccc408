import type { Guideline, TurnContext } from '@conduct/core';
import {
  asMatchesOnly,
  asPerItem,
  type MatchesOnly,
  matchesOnlySchema,
  matchesOnlySchemaFor,
  type PerItemVerdicts,
  perItemSchema,
  perItemSchemaFor,
  type ReasonedChecks,
  readMatchesOnly,
  readPerItem,
  VERDICT_REASON,
} from './answer-shapes.js';
import type { MatchingTask, TaskExample } from './matching-task.js';

/** A worked example of a matches-only task, with a reason and a verdict for every item. */
export interface ReasonedExample extends Omit<TaskExample, 'answer'> {
  checks: ReasonedChecks['checks'];
}

/** What {@link matchesOnlyTask} builds a task from. */
export interface MatchesOnlyTaskInput {
  name: string;
  /** The question, without the answer instruction (each form adds its own). */
  instructions: readonly string[];
  /** The word for an item that counts: "List only the items that hold / apply". */
  verb: 'hold' | 'apply';
  examples: readonly ReasonedExample[];
  describe(guideline: Guideline, context: TurnContext): string;
  context?(batch: readonly Guideline[], context: TurnContext): string[];
}

const THIRD_PERSON = { hold: 'holds', apply: 'applies' } as const;

/**
 * A task answered `{ applies: [{ n, why }] }` (only the items that apply), with its per-item
 * form `{ items: [{ n, reason, applies }] }` (every item) for small batches and small models.
 * Both forms share the question and the examples; only the answer instruction differs.
 */
export function matchesOnlyTask(input: MatchesOnlyTaskInput): MatchingTask<MatchesOnly> {
  const shared = {
    name: input.name,
    describe: input.describe,
    ...(input.context === undefined ? {} : { context: input.context }),
  };
  const perItem: MatchingTask<PerItemVerdicts> = {
    ...shared,
    instructions: [
      ...input.instructions,
      VERDICT_REASON.everyItem(`whether it ${THIRD_PERSON[input.verb]}`),
    ],
    examples: input.examples.map(({ checks, ...example }) => ({
      ...example,
      answer: asPerItem({ checks }),
    })),
    schema: perItemSchema,
    schemaFor: perItemSchemaFor,
    read: readPerItem,
  };
  return {
    ...shared,
    instructions: [...input.instructions, VERDICT_REASON.listedOnly(input.verb)],
    examples: input.examples.map(({ checks, ...example }) => ({
      ...example,
      answer: asMatchesOnly({ checks }),
    })),
    schema: matchesOnlySchema,
    schemaFor: matchesOnlySchemaFor,
    read: readMatchesOnly,
    perItem,
  };
}
