import { z } from 'zod';
import { idSchema } from '../util/ids.js';

/**
 * Who defines a behavior-model entity: the code of one agent (`{ agentId }`, written by
 * `conduct.sync`), or nobody in particular (`null`: created over the API or by code outside a
 * sync). A sync reconciles only what the code of the agents it defines owns, so entities
 * created over the API are never removed by it. Entities stored before ownership existed have
 * no `owner` field; they count as `null`.
 */
export const entityOwnerSchema = z.object({ agentId: idSchema });
/** The agent whose code defines an entity. See {@link entityOwnerSchema}. */
export type EntityOwner = z.infer<typeof entityOwnerSchema>;

/** The `owner` field of an entity: the agent whose code defines it, or `null`. */
export const ownerFieldSchema = entityOwnerSchema.nullable();

/** True when `entity` is defined by the code of agent `agentId`. */
export function isOwnedBy(entity: { owner?: EntityOwner | null }, agentId: string): boolean {
  return entity.owner?.agentId === agentId;
}
