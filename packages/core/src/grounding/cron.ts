import { ValidationError } from '../errors/errors.js';

/** A parsed 5-field cron expression: the allowed values of each field. Evaluated in UTC. */
export interface CronSchedule {
  /** The expression as given (trimmed). */
  readonly expression: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday (a `7` in the expression is folded into 0). */
  readonly weekdays: ReadonlySet<number>;
  /** Both day fields are restricted: a day matches when either of them does (classic cron). */
  readonly eitherDay: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Value of the first name (`jan` = 1, `sun` = 0). */
  nameBase?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
    nameBase: 1,
  },
  {
    name: 'day of week',
    min: 0,
    max: 7,
    names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
    nameBase: 0,
  },
];

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/**
 * Parses a standard 5-field cron expression (minute, hour, day of month, month, day of week)
 * with `*`, lists, ranges, steps (`*\/15`, `1-30/5`, `5/15`), month and weekday names, or a
 * macro such as `@daily`. Extensions (`L`, `W`, `#`, `?`, seconds) are rejected on purpose: a
 * rule that parses here means the same thing in every standard cron.
 *
 * @throws ValidationError naming the offending field.
 */
export function parseCron(expression: string): CronSchedule {
  const trimmed = typeof expression === 'string' ? expression.trim() : '';
  const expanded = MACROS[trimmed.toLowerCase()] ?? trimmed;
  const parts = expanded.split(/\s+/);
  if (parts.length !== FIELDS.length) {
    throw invalid(
      trimmed,
      `expected 5 fields (minute hour day-of-month month day-of-week), got ${trimmed === '' ? 0 : parts.length}`,
    );
  }
  const sets = parts.map((part, index) => parseField(part, FIELDS[index]!, trimmed));
  const [minutes, hours, days, months, rawWeekdays] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  const weekdays = new Set([...rawWeekdays].map((day) => day % 7));
  return {
    expression: trimmed,
    minutes,
    hours,
    days,
    months,
    weekdays,
    eitherDay: !parts[2]!.startsWith('*') && !parts[4]!.startsWith('*'),
  };
}

/** True when {@link parseCron} accepts `expression`. */
export function isValidCron(expression: string): boolean {
  try {
    parseCron(expression);
    return true;
  } catch {
    return false;
  }
}

// Impossible dates (`0 0 30 2 *`) parse but never fire; searching further is pointless.
const SEARCH_LIMIT_DAYS = 366 * 8;

/**
 * The first time strictly after `after` (to the minute, UTC) that the schedule fires, or
 * `undefined` when it never does (e.g. February 30th).
 */
export function nextCronTime(schedule: CronSchedule, after: Date): Date | undefined {
  const time = new Date(after.getTime());
  time.setUTCSeconds(0, 0);
  time.setUTCMinutes(time.getUTCMinutes() + 1);
  const limit = after.getTime() + SEARCH_LIMIT_DAYS * 86_400_000;
  while (time.getTime() <= limit) {
    if (!schedule.months.has(time.getUTCMonth() + 1)) {
      time.setUTCMonth(time.getUTCMonth() + 1, 1);
      time.setUTCHours(0, 0);
    } else if (!dayMatches(schedule, time)) {
      time.setUTCDate(time.getUTCDate() + 1);
      time.setUTCHours(0, 0);
    } else if (!schedule.hours.has(time.getUTCHours())) {
      time.setUTCHours(time.getUTCHours() + 1, 0);
    } else if (!schedule.minutes.has(time.getUTCMinutes())) {
      time.setUTCMinutes(time.getUTCMinutes() + 1);
    } else {
      return time;
    }
  }
  return undefined;
}

function dayMatches(schedule: CronSchedule, time: Date): boolean {
  const byDate = schedule.days.has(time.getUTCDate());
  const byWeekday = schedule.weekdays.has(time.getUTCDay());
  return schedule.eitherDay ? byDate || byWeekday : byDate && byWeekday;
}

function parseField(text: string, spec: FieldSpec, expression: string): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', step, extra] = item.split('/');
    const fail = (why: string) => invalid(expression, `${spec.name} "${item}": ${why}`);
    if (extra !== undefined) throw fail('more than one "/"');
    const every = step === undefined ? 1 : Number(step);
    if (step !== undefined && !(/^\d+$/.test(step) && every > 0)) {
      throw fail('the step must be a positive integer');
    }
    let from = spec.min;
    let to = spec.max;
    if (range !== '*') {
      const [start = '', end, rest] = range.split('-');
      if (rest !== undefined) throw fail('a range has one "-"');
      from = fieldValue(start, spec) ?? throwing(fail(`expected ${spec.min}-${spec.max}`));
      // `5/15` means "from 5 on, every 15", as in common crons.
      to =
        end === undefined
          ? step === undefined
            ? from
            : spec.max
          : (fieldValue(end, spec) ?? throwing(fail(`expected ${spec.min}-${spec.max}`)));
      if (from > to) throw fail('the range runs backwards');
    }
    for (let value = from; value <= to; value += every) values.add(value);
  }
  return values;
}

function fieldValue(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= spec.min && value <= spec.max ? value : undefined;
  }
  const index = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  return index < 0 ? undefined : index + (spec.nameBase ?? 0);
}

function throwing(error: Error): never {
  throw error;
}

function invalid(expression: string, why: string): ValidationError {
  return new ValidationError(`Invalid cron expression "${expression}": ${why}`, [
    { path: [], message: why, type: 'cron' },
  ]);
}
