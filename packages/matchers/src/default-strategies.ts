import type { BatchOptions } from '@conduct/core';
import { ConfigurationError, type MatchingStrategy } from '@conduct/core';
import type { MatchingTask } from './matching-task.js';
import { MATCHING_TASK_NAMES, type MatchingTaskName, routeGuideline } from './routing.js';
import type { RunTaskOptions } from './run-task.js';
import { createTaskStrategy } from './task-strategy.js';
import { actionableTask } from './tasks/actionable.js';
import { disambiguationTask } from './tasks/disambiguation.js';
import { lowCriticalityTask } from './tasks/low-criticality.js';
import { observationTask } from './tasks/observation.js';
import { reapplyTask } from './tasks/reapply.js';
import { reapplyCustomerDependentTask } from './tasks/reapply-customer-dependent.js';

export { MATCHING_TASK_NAMES };

/** The built-in definition of every matching task, by name. */
export const DEFAULT_MATCHING_TASKS: Readonly<Record<MatchingTaskName, MatchingTask>> = {
  disambiguation: disambiguationTask,
  'low-criticality': lowCriticalityTask,
  observation: observationTask,
  'reapply-customer-dependent': reapplyCustomerDependentTask,
  reapply: reapplyTask,
  actionable: actionableTask,
};

/** Per-task options of {@link defaultStrategies}. */
export interface TaskOptions extends RunTaskOptions {
  /**
   * Replaces the task's definition: fields to change (e.g. `instructions`, `examples`), or a
   * function of the built-in definition. Routing still sends the task's guidelines to it; a
   * changed `name` only changes the model route and the name in decision records.
   */
  override?: Partial<MatchingTask> | ((task: MatchingTask) => MatchingTask);
}

/** Options of {@link defaultStrategies}. */
export interface DefaultStrategiesOptions {
  /**
   * Non-model strategies (always, keyword, function), offered every guideline before any model
   * task: a guideline one of them handles costs no model call.
   */
  before?: readonly MatchingStrategy[];
  /** Batch sizing for every task (a task's own `batch` wins). */
  batch?: BatchOptions;
  /** Conversation budget in tokens for every task (a task's own value wins). Default 3000. */
  historyBudgetTokens?: number;
  /**
   * Largest batch asked item by item, for every task that offers it (a task's own value wins).
   * Default 3; see `RunTaskOptions.perItemUpTo`.
   */
  perItemUpTo?: number;
  /** Options by task name. */
  tasks?: Partial<Record<MatchingTaskName, TaskOptions>>;
}

/**
 * The default matching strategies: `before` (non-model ones) first, then one strategy per
 * model task in {@link MATCHING_TASK_NAMES} order, each taking the guidelines
 * {@link routeGuideline} sends it. The engine runs them all in one parallel wave. Throws a
 * `ConfigurationError` for an unknown task name in `tasks`.
 *
 * Only the strategies: set Conduct up with `defaultMatchers()`, which passes these options on
 * and adds the journey stepper, response analysis, the pre-filter and classification.
 *
 * @example
 * createConduct({
 *   model,
 *   ...defaultMatchers({
 *     strategies: {
 *       before: [alwaysStrategy({ tags: ['always-on'] })],
 *       tasks: { 'low-criticality': { batch: { maxItems: 20 } } },
 *     },
 *   }),
 * });
 */
export function defaultStrategies(options: DefaultStrategiesOptions = {}): MatchingStrategy[] {
  const unknown = Object.keys(options.tasks ?? {}).filter(
    (name) => !(MATCHING_TASK_NAMES as readonly string[]).includes(name),
  );
  if (unknown.length > 0) {
    throw new ConfigurationError(
      `defaultStrategies: unknown task ${unknown.map((n) => `'${n}'`).join(', ')} in \`tasks\`; ` +
        `the tasks are ${MATCHING_TASK_NAMES.map((n) => `'${n}'`).join(', ')}`,
    );
  }
  const taskStrategies = MATCHING_TASK_NAMES.map((name) => {
    const own = options.tasks?.[name] ?? {};
    const batch = { ...options.batch, ...own.batch };
    const historyBudgetTokens = own.historyBudgetTokens ?? options.historyBudgetTokens;
    const perItemUpTo = own.perItemUpTo ?? options.perItemUpTo;
    return createTaskStrategy(withOverride(DEFAULT_MATCHING_TASKS[name], own.override), {
      batch,
      ...(historyBudgetTokens === undefined ? {} : { historyBudgetTokens }),
      ...(perItemUpTo === undefined ? {} : { perItemUpTo }),
      handles: (guideline, context) => routeGuideline(guideline, context) === name,
    });
  });
  return [...(options.before ?? []), ...taskStrategies];
}

function withOverride(task: MatchingTask, override: TaskOptions['override']): MatchingTask {
  if (override === undefined) return task;
  const changed = typeof override === 'function' ? override(task) : { ...task, ...override };
  const { schemaFor, perItem, ...rest } = changed;
  // A replaced schema keeps no built-in bounded variant of the old one.
  const keepsSchema = changed.schema === task.schema || schemaFor !== task.schemaFor;
  const result: MatchingTask =
    schemaFor !== undefined && keepsSchema ? { ...rest, schemaFor } : rest;
  if (perItem === undefined) return result;
  if (perItem !== task.perItem) return { ...result, perItem };
  // The built-in per-item form asks the built-in question: a replaced question or answer shape
  // drops it (unless the override gives its own); a replaced rendering of items applies to it.
  if (QUESTION_FIELDS.some((field) => changed[field] !== task[field])) return result;
  return {
    ...result,
    perItem: { ...perItem, name: changed.name, describe: changed.describe, ...contextOf(changed) },
  };
}

const QUESTION_FIELDS = ['instructions', 'examples', 'schema', 'read'] as const;

function contextOf(task: MatchingTask): Pick<MatchingTask, 'context'> {
  return task.context === undefined ? {} : { context: task.context };
}
