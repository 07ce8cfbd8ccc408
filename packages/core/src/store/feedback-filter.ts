import { z } from 'zod';
import type { Feedback } from '../domain/feedback.js';
import { parseOrThrow } from '../errors/from-zod.js';
import type { FeedbackFilter } from './ports.js';

const instantSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 timestamp' })
  // Stored timestamps are compared as text (fixed width, UTC, milliseconds): so must these be.
  .transform((value) => new Date(value).toISOString())
  .optional();

const feedbackFilterSchema = z.object({
  sessionId: z.string().optional(),
  agentId: z.string().optional(),
  since: instantSchema,
  until: instantSchema,
});

/**
 * The filter with its time window as stored timestamps (`2026-04-14T14:08:57.528Z`), so every
 * store compares them the same way; `ValidationError` for a bound that is not a timestamp.
 */
export function normalizeFeedbackFilter(filter: FeedbackFilter = {}): FeedbackFilter {
  const parsed = parseOrThrow(feedbackFilterSchema, filter, 'feedback filter');
  return Object.fromEntries(
    Object.entries(parsed).filter(([, value]) => value !== undefined),
  ) as FeedbackFilter;
}

/** True when the feedback passes every condition of a normalized filter. */
export function matchesFeedbackFilter(feedback: Feedback, filter: FeedbackFilter): boolean {
  if (filter.sessionId !== undefined && feedback.sessionId !== filter.sessionId) return false;
  if (filter.agentId !== undefined && feedback.agentId !== filter.agentId) return false;
  if (filter.since !== undefined && feedback.createdAt < filter.since) return false;
  if (filter.until !== undefined && feedback.createdAt >= filter.until) return false;
  return true;
}
