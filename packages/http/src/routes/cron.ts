const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  min: number;
  max: number;
  names?: string[];
  /** Value of the first name (`jan` = 1, `sun` = 0). */
  nameBase?: number;
}

// minute, hour, day of month, month, day of week (0 and 7 are both Sunday)
const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { min: 0, max: 7, names: WEEKDAYS, nameBase: 0 },
];

const MACROS = new Set([
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly',
]);

function fieldValue(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= spec.min && value <= spec.max ? value : undefined;
  }
  const index = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  return index < 0 ? undefined : index + (spec.nameBase ?? 0);
}

function isValidItem(item: string, spec: FieldSpec): boolean {
  const [range = '', step, extra] = item.split('/');
  if (extra !== undefined) return false;
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0)) return false;
  if (range === '*') return true;
  const [from = '', to, rest] = range.split('-');
  if (rest !== undefined) return false;
  const start = fieldValue(from, spec);
  if (start === undefined) return false;
  if (to === undefined) return true;
  const end = fieldValue(to, spec);
  return end !== undefined && start <= end;
}

/**
 * True when `expression` is a standard 5-field cron expression (minute, hour, day of month,
 * month, day of week; `*`, lists, ranges, steps, month and weekday names) or a macro such as
 * `@daily`. Deliberately plain: extensions (`L`, `W`, `#`, seconds) are rejected.
 */
export function isValidCron(expression: string): boolean {
  const trimmed = expression.trim();
  if (MACROS.has(trimmed.toLowerCase())) return true;
  const fields = trimmed.split(/\s+/);
  if (fields.length !== FIELDS.length) return false;
  return fields.every((field, index) =>
    field.split(',').every((item) => isValidItem(item, FIELDS[index] as FieldSpec)),
  );
}
