import type { Agent } from '../domain/agent.js';
import type { Customer } from '../domain/customer.js';
import type { PromptSection } from '../prompt/prompt-builder.js';

/** The moment a turn runs at and the time zone its prompts show it in. */
export interface TurnTime {
  /** When the turn started (from the engine's clock). */
  now: Date;
  /** An IANA time zone name, e.g. `Europe/Paris`. */
  timeZone: string;
}

/**
 * The time zone a turn's prompts show the date in: a fixed IANA name, or a function of the
 * turn's agent and customer (e.g. a per-agent table).
 */
export type TimeZoneOption = string | ((input: { agent: Agent; customer: Customer }) => string);

/** Customer metadata key whose value (an IANA time zone name) overrides the engine's zone. */
export const CUSTOMER_TIME_ZONE_KEY = 'timeZone';

/** The zone used when none is configured or the configured one is not a valid IANA name. */
export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * A turn's {@link TurnTime}: `clock()` (default: the system clock) in the customer's
 * `timeZone` metadata when it names a valid zone, else the engine's `timeZone` option, else UTC.
 */
export function resolveTurnTime(input: {
  clock?: (() => Date) | undefined;
  timeZone?: TimeZoneOption | undefined;
  agent: Agent;
  customer: Customer;
}): TurnTime {
  const { agent, customer } = input;
  const configured =
    typeof input.timeZone === 'function' ? input.timeZone({ agent, customer }) : input.timeZone;
  const timeZone =
    [customer.metadata[CUSTOMER_TIME_ZONE_KEY], configured].find(isValidTimeZone) ??
    DEFAULT_TIME_ZONE;
  return { now: input.clock?.() ?? new Date(), timeZone };
}

/** Whether `zone` is a time zone name `Intl` knows (`Europe/Paris`, `UTC`). */
export function isValidTimeZone(zone: string | undefined): zone is string {
  if (zone === undefined || zone.trim() === '') return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

// Building an `Intl.DateTimeFormat` costs far more than using one, and every task of every turn
// formats the time: one formatter per zone, and one rendering per turn's time.
const formatters = new Map<string, Intl.DateTimeFormat>();
const rendered = new WeakMap<TurnTime, string>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `Monday 7 December 2026, 17:42 (Europe/Paris)`: the same words in every prompt. */
export function formatTurnTime(time: TurnTime): string {
  const known = rendered.get(time);
  if (known !== undefined) return known;
  const parts = formatterFor(time.timeZone).formatToParts(time.now);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  const text = `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} (${time.timeZone})`;
  rendered.set(time, text);
  return text;
}

/**
 * The `current-time` prompt section (`Now: Monday 7 December 2026, 17:42 (Europe/Paris)`)
 * every task's prompt carries, so conditions like "delivered more than 30 days ago" can be
 * judged. Dynamic, so the cached static prefix is unaffected.
 */
export function currentTimeSection(context: { time: TurnTime }): PromptSection {
  return { name: 'current-time', kind: 'dynamic', content: `Now: ${formatTurnTime(context.time)}` };
}
