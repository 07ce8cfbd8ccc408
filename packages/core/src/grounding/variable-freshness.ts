import type { Variable, VariableValue } from '../domain/variable.js';
import { type CronSchedule, nextCronTime, parseCron } from './cron.js';

const schedules = new Map<string, CronSchedule | null>();

/**
 * Whether `value` is still fresh at `now` by the variable's rules: with a cron rule it goes
 * stale once a scheduled time has passed since it was set; with `ttlSeconds`, that many seconds
 * after it was set; with both, when either says so. A missing value is never fresh; a value of
 * a variable without rules always is. An unparsable cron rule (stored before it was validated)
 * is ignored rather than refreshing on every turn.
 */
export function isVariableValueFresh(
  variable: Pick<Variable, 'freshnessRules' | 'ttlSeconds'>,
  value: Pick<VariableValue, 'updatedAt'> | undefined,
  now: Date,
): boolean {
  if (value === undefined) return false;
  const setAt = new Date(value.updatedAt);
  if (
    variable.ttlSeconds !== null &&
    setAt.getTime() + variable.ttlSeconds * 1_000 <= now.getTime()
  )
    return false;
  if (variable.freshnessRules !== null) {
    const schedule = scheduleOf(variable.freshnessRules);
    const next = schedule === null ? undefined : nextCronTime(schedule, setAt);
    if (next !== undefined && next.getTime() <= now.getTime()) return false;
  }
  return true;
}

function scheduleOf(rule: string): CronSchedule | null {
  let schedule = schedules.get(rule);
  if (schedule === undefined) {
    try {
      schedule = parseCron(rule);
    } catch {
      schedule = null;
    }
    // Rules are few and long-lived; the bound only guards against unbounded distinct input.
    if (schedules.size > 1_000) schedules.clear();
    schedules.set(rule, schedule);
  }
  return schedule;
}
