import type { BehaviorModel } from '../behavior/behavior-model.js';
import type { EntityOperations } from '../behavior/entity-operations.js';
import type { EntityOwner } from '../domain/owner.js';
import type { RetrieverRegistry } from '../grounding/retriever-registry.js';
import type { ConductStore } from '../store/ports.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import type { DefinedIdentity, DefinedKind, SyncRecorder } from './sync-recorder.js';

/** What the code-first API reads, writes and registers through. */
export interface DefinitionContext {
  /** Reads, sessions and variable values. Inside a sync: the sync's transaction. */
  store: ConductStore;
  /** Every write of the behavior model. */
  model: BehaviorModel;
  tools: ToolRegistry;
  retrievers: RetrieverRegistry;
  /** Inside `conduct.sync`: what is defined belongs to the agent's code and is recorded. */
  sync?: SyncRecorder;
}

/** One definition made from code. */
export interface Definition<Input> {
  kind: DefinedKind;
  /** The agent whose code defines it. */
  agentId: string;
  id: string;
  /** Where the id comes from: `id` given, derived from a `key` (a title, a name) or from `content`. */
  identity: DefinedIdentity;
  fields: Omit<Input, 'id' | 'owner'>;
}

/**
 * Stores a definition through the service: created, updated in place, or left alone when the
 * store already holds it. Inside a sync it is owned by the agent's code and recorded; outside
 * one its owner is left as it is.
 */
export async function define<Entity, Input extends { id?: string; owner?: EntityOwner | null }>(
  context: DefinitionContext,
  operations: Pick<EntityOperations<Entity, Input, never>, 'define'>,
  definition: Definition<Input>,
): Promise<Entity> {
  const { sync } = context;
  const { kind, agentId, id, identity, fields } = definition;
  sync?.define({ kind, agentId, id, identity, fields });
  const owner: Partial<Pick<Input, 'owner'>> = sync === undefined ? {} : { owner: { agentId } };
  return operations.define(id, { ...fields, ...owner } as Omit<Input, 'id'>);
}
