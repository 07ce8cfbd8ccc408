import { z } from 'zod';
import { idSchema } from '../util/ids.js';
import { timestampSchema } from '../util/time.js';
import { labelsSchema, metadataSchema } from './common.js';
import { GUEST_CUSTOMER_ID } from './customer.js';
import { emptySessionEngineState, sessionEngineStateSchema } from './session-state.js';

/** `auto`: the engine replies. `manual`: a human has the session; the engine stays silent. */
export const sessionModeSchema = z.enum(['auto', 'manual']);
/** Who answers the customer. */
export type SessionMode = z.infer<typeof sessionModeSchema>;

const sessionFields = {
  agentId: idSchema,
  customerId: idSchema,
  title: z.string().max(200).nullable(),
  mode: sessionModeSchema,
  labels: labelsSchema,
  metadata: metadataSchema,
  /** Offsets that consumers report they have read (the wire's `consumption_offsets`). */
  consumptionOffsets: z.object({ client: z.number().int().min(0) }),
  state: sessionEngineStateSchema,
};

/** A conversation between one customer and one agent. */
export const sessionSchema = z.object({
  id: idSchema,
  ...sessionFields,
  createdAt: timestampSchema,
});
/** A conversation between one customer and one agent. */
export type Session = z.infer<typeof sessionSchema>;

/** What it takes to create a session; the customer defaults to the guest. */
export const sessionInputSchema = z.object({
  id: idSchema.optional(),
  agentId: sessionFields.agentId,
  customerId: sessionFields.customerId.default(GUEST_CUSTOMER_ID),
  title: sessionFields.title.default(null),
  mode: sessionFields.mode.default('auto'),
  labels: sessionFields.labels.default([]),
  metadata: sessionFields.metadata.default({}),
  consumptionOffsets: sessionFields.consumptionOffsets.default({ client: 0 }),
  state: sessionFields.state.default(emptySessionEngineState),
});
/** What it takes to create a session. */
export type SessionInput = z.input<typeof sessionInputSchema>;

/** Fields that can be changed after creation. */
export const sessionPatchSchema = z.object(sessionFields).partial();
/** Fields that can be changed after creation. */
export type SessionPatch = z.input<typeof sessionPatchSchema>;
