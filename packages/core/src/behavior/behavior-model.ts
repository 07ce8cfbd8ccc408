import type { Agent, AgentInput, AgentPatch } from '../domain/agent.js';
import type {
  CannedResponse,
  CannedResponseInput,
  CannedResponsePatch,
} from '../domain/canned-response.js';
import type { Capability, CapabilityInput, CapabilityPatch } from '../domain/capability.js';
import type { Guideline, GuidelineInput, GuidelinePatch } from '../domain/guideline.js';
import type { Journey, JourneyInput, JourneyPatch } from '../domain/journey.js';
import type { Relationship, RelationshipInput } from '../domain/relationship.js';
import type { Tag, TagInput, TagPatch } from '../domain/tag.js';
import type { Term, TermInput, TermPatch } from '../domain/term.js';
import type { Variable, VariableInput, VariablePatch } from '../domain/variable.js';
import { ConflictError } from '../errors/errors.js';
import type { ConductStore } from '../store/ports.js';
import type { StoreTransaction } from '../store/unit-of-work.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { cannedResponseRules } from './canned-response-rules.js';
import { type EntityOperations, entityOperations, type WriteOptions } from './entity-operations.js';
import { deleteEventsFrom } from './event-deletion.js';
import { journeyRules } from './journey-rules.js';
import { deleteRelationshipsOf } from './relationship-cascade.js';
import { deleteGuidelineWithDependents } from './scope-cascade.js';
import { joinedRunner, transactionRunner, type UnitRunner } from './unit.js';

/** Relationships are not edited: they are created, defined and deleted. */
export type RelationshipOperations = Omit<
  EntityOperations<Relationship, RelationshipInput, never>,
  'update'
>;

/** The operations on context variables, plus the bulk delete the API offers. */
export interface VariableOperations
  extends EntityOperations<Variable, VariableInput, VariablePatch> {
  /**
   * Without a tag, deletes every variable. With one, takes the tag off every variable that has
   * it and deletes those left with no tag.
   */
  deleteByTag(tagId: string | undefined): Promise<void>;
}

/**
 * The one write path of the behavior model. Every operation applies every rule it implies in
 * one store transaction, so a failure halfway leaves nothing changed:
 *
 * - deleting a guideline deletes its relationships, and canned responses gated on it alone;
 * - deleting a journey deletes its relationships, and guidelines and canned responses scoped
 *   to it alone; the others lose its tags;
 * - deleting a tag deletes its relationships;
 * - journeys and canned responses are validated before they are stored;
 * - deleting events from an offset keeps turns whole and trims the session's engine state.
 *
 * The REST API and the code-first API (`createConduct`) both write through it.
 */
export interface BehaviorModel {
  agents: EntityOperations<Agent, AgentInput, AgentPatch>;
  guidelines: EntityOperations<Guideline, GuidelineInput, GuidelinePatch>;
  journeys: EntityOperations<Journey, JourneyInput, JourneyPatch>;
  relationships: RelationshipOperations;
  tags: EntityOperations<Tag, TagInput, TagPatch>;
  terms: EntityOperations<Term, TermInput, TermPatch>;
  variables: VariableOperations;
  cannedResponses: EntityOperations<CannedResponse, CannedResponseInput, CannedResponsePatch>;
  capabilities: EntityOperations<Capability, CapabilityInput, CapabilityPatch>;
  events: {
    /**
     * Soft-deletes a session's events from `minOffset` on and trims what the engine remembered
     * of the deleted turns. `TraceBoundaryError` when `minOffset` is inside a turn.
     */
    deleteFrom(sessionId: string, minOffset: number): Promise<void>;
  };
}

/** Options of {@link createBehaviorModel}. */
export interface BehaviorModelOptions {
  /** Where the model is stored; each operation is one of its transactions. */
  store: ConductStore;
  /** Registered tools: journeys' tool states are checked against them when given. */
  tools?: ToolRegistry;
}

/** Creates the behavior-model service over a store. See {@link BehaviorModel}. */
export function createBehaviorModel(options: BehaviorModelOptions): BehaviorModel {
  return behaviorModelOn(transactionRunner(options.store), options.tools);
}

/**
 * The service inside a transaction that is already open: every operation joins it (a sync
 * runs a whole agent module as one transaction).
 */
export function behaviorModelIn(tx: StoreTransaction, tools?: ToolRegistry): BehaviorModel {
  return behaviorModelOn(joinedRunner(tx), tools);
}

function behaviorModelOn(run: UnitRunner, tools: ToolRegistry | undefined): BehaviorModel {
  const variables = entityOperations({ run, port: (tx) => tx.variables });
  return {
    agents: entityOperations({ run, port: (tx) => tx.agents }),
    guidelines: entityOperations({
      run,
      port: (tx) => tx.guidelines,
      rules: { delete: (id, tx) => deleteGuidelineWithDependents(tx, id) },
    }),
    journeys: entityOperations({ run, port: (tx) => tx.journeys, rules: journeyRules(tools) }),
    relationships: relationshipOperations(run),
    tags: entityOperations({
      run,
      port: (tx) => tx.tags,
      rules: {
        async delete(id, tx) {
          await tx.tags.delete(id);
          await deleteRelationshipsOf(tx, { type: 'tag', id });
        },
      },
    }),
    terms: entityOperations({ run, port: (tx) => tx.terms }),
    variables: {
      ...variables,
      deleteByTag: (tagId) =>
        run(async (tx) => {
          const filter = tagId === undefined ? {} : { tags: [tagId] };
          for (const variable of await tx.variables.list(filter)) {
            const tags = variable.tags.filter((tag) => tag !== tagId);
            if (tagId === undefined || tags.length === 0) await tx.variables.delete(variable.id);
            else await tx.variables.update(variable.id, { tags });
          }
        }),
    },
    cannedResponses: entityOperations({
      run,
      port: (tx) => tx.cannedResponses,
      rules: cannedResponseRules,
    }),
    capabilities: entityOperations({ run, port: (tx) => tx.capabilities }),
    events: {
      deleteFrom: (sessionId, minOffset) => run((tx) => deleteEventsFrom(tx, sessionId, minOffset)),
    },
  };
}

/**
 * Relationships cannot be updated, so defining one that exists under another owner (written
 * before ownership existed, or over the API with the same content id) replaces it.
 */
function relationshipOperations(run: UnitRunner): RelationshipOperations {
  return {
    create: (input, options: WriteOptions = {}) =>
      run(async (tx) => {
        await options.check?.(tx);
        return tx.relationships.create(input);
      }),
    delete: (id) => run((tx) => tx.relationships.delete(id)),
    define: (id, fields) =>
      run(async (tx) => {
        const current = await tx.relationships.find(id);
        // Without an owner (code outside a sync) the stored owner stays whatever it is.
        const kept =
          fields.owner === undefined || current?.owner?.agentId === fields.owner?.agentId;
        if (current !== undefined && kept) return current;
        if (current !== undefined) await tx.relationships.delete(id);
        try {
          return await tx.relationships.create({ ...fields, id });
        } catch (error) {
          // Another process defined it first (instances starting together).
          if (!ConflictError.is(error)) throw error;
          return tx.relationships.get(id);
        }
      }),
  };
}
