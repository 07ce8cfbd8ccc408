import type { Guideline, MatchingStrategy, TurnContext } from '@conduct/core';
import type { MatchingTask } from './matching-task.js';
import { type MatchingTaskName, routeGuideline } from './routing.js';
import { type RunTaskOptions, runMatchingTask } from './run-task.js';

/** Options of {@link createTaskStrategy}. */
export interface TaskStrategyOptions extends RunTaskOptions {
  /** Which guidelines the strategy takes. Default: those {@link routeGuideline} sends to it. */
  handles?: (guideline: Guideline, context: TurnContext) => boolean;
}

/** Wraps a matching task as a strategy the engine can run. */
export function createTaskStrategy<Answer>(
  task: MatchingTask<Answer>,
  options: TaskStrategyOptions = {},
): MatchingStrategy {
  const handles =
    options.handles ??
    ((guideline: Guideline, context: TurnContext) =>
      routeGuideline(guideline, context) === (task.name as MatchingTaskName));
  return {
    name: task.name,
    handles,
    evaluate: (guidelines, context) => runMatchingTask(task, guidelines, context, options),
  };
}
