import { z } from 'zod';
import type { IdempotencyKey } from './event-store.js';

/** Validates an {@link IdempotencyKey} given to `EventStore.appendOnce` and its lookup. */
export const idempotencyKeySchema = z.object({
  key: z.string().min(1).max(255),
  fingerprint: z.string().min(1).max(255),
}) satisfies z.ZodType<IdempotencyKey>;
