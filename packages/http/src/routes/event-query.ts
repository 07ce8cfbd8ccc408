import {
  type EventFilter,
  type EventKind,
  eventKindSchema,
  eventSourceSchema,
} from '@conduct/core';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env.js';
import { queryBoolean, queryInteger } from '../query-types.js';

/** `kinds=message,status`: a comma-separated list of event kinds; an unknown kind is a 422. */
const kindsCsv = z.string().transform((value, context) => {
  const kinds: EventKind[] = [];
  for (const part of value.split(',')) {
    const kind = part.trim();
    if (kind === '') continue;
    const parsed = eventKindSchema.safeParse(kind);
    if (!parsed.success) {
      context.addIssue({
        code: 'custom',
        message: `Invalid event kind '${kind}': expected one of ${eventKindSchema.options.join(', ')}`,
      });
      return z.NEVER;
    }
    kinds.push(parsed.data);
  }
  // `kinds=,` filters nothing: as for an empty value, refuse it rather than list every kind.
  if (kinds.length === 0) {
    context.addIssue({ code: 'custom', message: 'Give at least one event kind' });
    return z.NEVER;
  }
  return kinds;
});

/**
 * Query of `GET /sessions/{id}/events` (docs/compatibility.md#sessions-and-events,
 * #long-polling-and-sse).
 */
export const listEventsQuery = z.object({
  min_offset: queryInteger.optional().describe('Only events at or after this offset'),
  source: eventSourceSchema.optional(),
  trace_id: z.string().optional().describe("Only this trace's events"),
  // Deprecated and ignored by the reference server too; accepted so old clients keep working.
  correlation_id: z.string().optional().describe('Deprecated and ignored; use trace_id'),
  kinds: kindsCsv.optional().describe('Comma-separated kinds, e.g. `message,status`'),
  wait_for_data: queryInteger
    .default(60)
    .describe('Seconds to wait when nothing matches yet (default 60; 504 when none came)'),
  sse: queryBoolean.default(false).describe('Answer with a `text/event-stream` instead'),
});

/** Parsed query of `GET /sessions/{id}/events`. */
export type ListEventsQuery = z.output<typeof listEventsQuery>;

/** The store filter a listing query asks for. */
export function eventFilter(query: ListEventsQuery): EventFilter {
  const filter: EventFilter = {};
  if (query.min_offset !== undefined) filter.minOffset = query.min_offset;
  if (query.source !== undefined) filter.source = query.source;
  if (query.trace_id !== undefined) filter.traceId = query.trace_id;
  if (query.kinds !== undefined) filter.kinds = query.kinds;
  return filter;
}

/**
 * How long to wait, in ms: `wait_for_data` seconds (default 60, as in the reference), never
 * negative and never more than the app's `maxWaitSeconds`.
 */
export function waitMs(c: Context<AppEnv>, waitForData: number | undefined): number {
  const seconds = Math.min(Math.max(0, waitForData ?? 60), c.get('maxWaitSeconds'));
  return seconds * 1000;
}
