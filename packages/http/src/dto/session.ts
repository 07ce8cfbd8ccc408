import { type Session, sessionModeSchema } from '@conduct/core';
import { z } from 'zod';
import { named, timestampDto } from '../openapi/schema-registry.js';

/**
 * Wire shape of a session (docs/compatibility.md#sessions-and-events); the engine's per-session
 * state stays private.
 */
export const sessionDtoSchema = named(
  z.object({
    id: z.string(),
    agent_id: z.string(),
    customer_id: z.string(),
    creation_utc: timestampDto,
    title: z.string().nullable(),
    mode: sessionModeSchema,
    consumption_offsets: z.object({ client: z.number().int().min(0) }),
    metadata: z.record(z.string(), z.unknown()),
    labels: z.array(z.string()),
  }),
  'Session',
);

/** A session in the wire format. */
export function sessionDto(session: Session): z.output<typeof sessionDtoSchema> {
  return {
    id: session.id,
    agent_id: session.agentId,
    customer_id: session.customerId,
    creation_utc: session.createdAt,
    title: session.title,
    mode: session.mode,
    consumption_offsets: { client: session.consumptionOffsets.client },
    metadata: session.metadata,
    labels: session.labels,
  };
}
