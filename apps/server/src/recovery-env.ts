import { z } from 'zod';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * `CONDUCT_UNFINISHED_TURNS_MAX_AGE`: how old an unfinished turn's message may be for the turn
 * to be resumed at start — a number with a unit (`90s`, `30m`, `24h`, `7d`), or `none` (no
 * limit). Parsed to milliseconds (`Infinity` for `none`).
 */
export const unfinishedTurnsMaxAgeEnv = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined) return undefined;
    if (value.toLowerCase() === 'none') return Number.POSITIVE_INFINITY;
    const match = /^(\d+(?:\.\d+)?)\s*([smhd])$/i.exec(value);
    if (match !== null) {
      return Number(match[1]) * UNIT_MS[match[2]!.toLowerCase() as keyof typeof UNIT_MS];
    }
    context.addIssue({
      code: 'custom',
      message: `must be a duration such as 90s, 30m, 24h or 7d, or none (got '${value}')`,
    });
    return z.NEVER;
  });

/** `CONDUCT_UNFINISHED_TURNS_CONCURRENCY`: how many unfinished turns recover at once. */
export const unfinishedTurnsConcurrencyEnv = z
  .string()
  .optional()
  .transform((value, context) => {
    if (value === undefined) return undefined;
    const count = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(count) && count >= 1) return count;
    context.addIssue({ code: 'custom', message: `must be a whole number >= 1 (got '${value}')` });
    return z.NEVER;
  });
