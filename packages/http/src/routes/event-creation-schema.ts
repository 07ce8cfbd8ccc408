import { eventKindSchema, eventSourceSchema, SESSION_STATUSES } from '@conduct/core';
import { z } from 'zod';

/** Body of `POST /sessions/{id}/events` (docs/compatibility.md#creating-events). */
export const eventCreationSchema = z.object({
  kind: eventKindSchema,
  source: eventSourceSchema,
  message: z.string().nullish(),
  data: z.unknown().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  guidelines: z
    .array(
      z.object({
        action: z.string(),
        rationale: z.enum(['unspecified', 'buy_time', 'follow_up']).optional(),
      }),
    )
    .nullish(),
  participant: z.object({ id: z.string().nullish(), display_name: z.string() }).nullish(),
  status: z.enum(SESSION_STATUSES).nullish(),
});

/** Parsed body of `POST /sessions/{id}/events`. */
export type EventCreationParams = z.output<typeof eventCreationSchema>;

/**
 * Query of `POST /sessions/{id}/events`: the moderation level (docs/compatibility.md#moderation).
 */
export const eventCreationQuery = z.object({
  moderation: z.enum(['none', 'auto', 'paranoid']).default('none'),
});

/** Python truthiness, which the reference uses for "`data` is required" (`{}`, `[]`, `0` are not). */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') {
    return false;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
