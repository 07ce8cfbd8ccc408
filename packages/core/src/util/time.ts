import { z } from 'zod';

/** The current time as an ISO-8601 UTC timestamp (`2026-04-14T14:08:57.528Z`). */
export function nowIso(): string {
  return new Date().toISOString();
}

/** An ISO-8601 UTC timestamp with a `Z` suffix. */
export const timestampSchema = z.iso.datetime({
  message: 'must be an ISO-8601 UTC timestamp ending in Z',
});
