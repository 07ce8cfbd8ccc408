import { ConfigurationError } from '../errors/errors.js';

/**
 * Built-in deadlines of the narrow tasks, in milliseconds, used by `createModelRouter` unless
 * its `timeouts` option says otherwise. A structured call (and each model of a fallback chain,
 * and a hedge) gets its task's deadline; a text stream gets it for the first text and for every
 * pause between chunks, never for the whole stream. Matching tasks answer a short verdict, so
 * they are cut much sooner than the reply.
 */
export const DEFAULT_TASK_TIMEOUTS: Readonly<Record<string, number>> = Object.freeze({
  actionable: 15_000,
  observation: 15_000,
  reapply: 15_000,
  'reapply-customer-dependent': 15_000,
  disambiguation: 15_000,
  'low-criticality': 15_000,
  'journey-step': 15_000,
  'tool-call': 20_000,
  'canned-select': 20_000,
  'canned-strict': 20_000,
  'canned-fields': 20_000,
  'canned-restyle': 30_000,
  'canned-preamble': 10_000,
  preamble: 10_000,
  compose: 30_000,
  'response-analysis': 30_000,
});

/**
 * The deadline of every task: `DEFAULT_TASK_TIMEOUTS` overlaid with `overrides`. An override of
 * `Infinity` removes the task's deadline (its calls keep the request's own `timeoutMs`).
 *
 * @throws ConfigurationError for an empty task name or a deadline that is not a positive number.
 */
export function resolveTaskTimeouts(
  overrides: Readonly<Record<string, number>> = {},
): ReadonlyMap<string, number> {
  const deadlines = new Map<string, number>(Object.entries(DEFAULT_TASK_TIMEOUTS));
  for (const [task, ms] of Object.entries(overrides)) {
    if (task.trim() === '') throw new ConfigurationError('Task timeout names must not be empty');
    if (!(typeof ms === 'number' && ms > 0)) {
      throw new ConfigurationError(
        `Timeout of task '${task}' must be a positive number of milliseconds, got ${String(ms)}`,
      );
    }
    if (ms === Number.POSITIVE_INFINITY) deadlines.delete(task);
    else deadlines.set(task, ms);
  }
  return deadlines;
}
