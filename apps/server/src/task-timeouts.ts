import {
  ConfigurationError,
  DEFAULT_TASK_TIMEOUTS,
  type HedgingOptions,
  resolveTaskTimeouts,
} from '@conduct/core';
import { TASK_NAMES } from './task-models.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;

/** Every task a deadline can be given to: the routing keys and the built-in deadlines' tasks. */
const TIMEOUT_TASKS: readonly string[] = [
  ...new Set([...TASK_NAMES, ...Object.keys(DEFAULT_TASK_TIMEOUTS)]),
];

/**
 * Parses `CONDUCT_TASK_TIMEOUTS`: comma-separated `task=duration` pairs, a duration being a
 * number with a unit (`1500ms`, `8s`, `2m`) or `none` (no task deadline: the engine's 60 s per
 * call applies), e.g. `actionable=8s,compose=30s`. Tasks not named keep their built-in deadline.
 *
 * @throws ConfigurationError naming the offending pair.
 */
export function parseTaskTimeouts(value: string | undefined): Record<string, number> {
  if (value === undefined || value.trim() === '') return {};
  const result: Record<string, number> = {};
  for (const raw of value.split(',')) {
    const pair = raw.trim();
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const task = equals < 0 ? '' : pair.slice(0, equals).trim();
    const duration = equals < 0 ? '' : pair.slice(equals + 1).trim();
    if (task === '' || duration === '') {
      throw invalid(
        'CONDUCT_TASK_TIMEOUTS',
        `'${pair}' is not of the form task=duration (e.g. actionable=8s)`,
      );
    }
    if (!TIMEOUT_TASKS.includes(task)) {
      throw invalid(
        'CONDUCT_TASK_TIMEOUTS',
        `unknown task '${task}'; tasks are ${TIMEOUT_TASKS.join(', ')}`,
      );
    }
    if (task in result) throw invalid('CONDUCT_TASK_TIMEOUTS', `task '${task}' is given twice`);
    const ms =
      duration.toLowerCase() === 'none' ? Number.POSITIVE_INFINITY : parseDuration(duration);
    if (ms === undefined || ms <= 0) {
      throw invalid(
        'CONDUCT_TASK_TIMEOUTS',
        `'${pair}': the duration must be positive, with a unit (1500ms, 8s, 2m), or none`,
      );
    }
    result[task] = ms;
  }
  return result;
}

/**
 * Parses `CONDUCT_HEDGING`: `auto` (hedge a call that runs past its task's recent p95 latency,
 * the default), `off`, or a fixed delay for every task such as `800ms` or `2s` — positive and
 * below the smallest task deadline (`taskTimeouts`, as parsed from `CONDUCT_TASK_TIMEOUTS`, over
 * the built-in ones), since a hedge due at or after a call's deadline never starts.
 *
 * @throws ConfigurationError when it is none of these.
 */
export function parseHedging(
  value: string | undefined,
  taskTimeouts: Readonly<Record<string, number>> = {},
): HedgingOptions | false | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim().toLowerCase();
  if (text === 'auto') return {};
  if (text === 'off') return false;
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw invalid('CONDUCT_HEDGING', `'${value}' is not auto, off or a delay such as 800ms or 2s`);
  }
  if (ms <= 0) throw invalid('CONDUCT_HEDGING', `'${value}': the delay must be positive`);
  const deadlines = [...resolveTaskTimeouts(taskTimeouts)].sort((a, b) => a[1] - b[1]);
  const [smallest] = deadlines;
  if (smallest !== undefined && ms >= smallest[1]) {
    throw invalid(
      'CONDUCT_HEDGING',
      `'${value}' is not below the smallest task deadline (${smallest[0]}: ${smallest[1]} ms), so no hedge would ever start; lower it or raise that deadline in CONDUCT_TASK_TIMEOUTS`,
    );
  }
  return { delayMs: ms };
}

function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)$/i.exec(text);
  if (match === null) return undefined;
  return Number(match[1]) * UNIT_MS[match[2]!.toLowerCase() as keyof typeof UNIT_MS];
}

function invalid(variable: string, reason: string): ConfigurationError {
  return new ConfigurationError(`Invalid ${variable}: ${reason}`);
}
