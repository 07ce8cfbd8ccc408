import { createBehaviorModel } from '../behavior/behavior-model.js';
import type { ToolRef } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import type {
  Relationship,
  RelationshipEndpoint,
  RelationshipKind,
} from '../domain/relationship.js';
import type { Retriever } from '../grounding/retriever.js';
import type { ConductStore } from '../store/ports.js';
import type { Tool } from '../tools/define-tool.js';
import { contentId } from '../util/content-id.js';
import { type DefinitionContext, define } from './definition-context.js';

/** Something a relationship can point at from code. */
export type RelationshipTarget = GuidelineHandle | { tag: string } | { journeyId: string } | Tool;

/**
 * A guideline defined from code, with helpers to relate it to others. Every helper is
 * idempotent: relating the same pair twice creates one relationship.
 */
export interface GuidelineHandle {
  readonly id: string;
  readonly guideline: Guideline;
  /** When this guideline is active, `target` is active too (a journey starts). */
  entails(target: GuidelineHandle | { tag: string } | { journeyId: string }): Promise<Relationship>;
  /** When both are active, `target` is dropped. */
  overrides(target: RelationshipTarget): Promise<Relationship>;
  /**
   * Keep this guideline only while `target` is active. Pass several targets with
   * `{ anyOf: true }` to need just one of them.
   */
  requires(
    target: RelationshipTarget | RelationshipTarget[],
    options?: { anyOf?: boolean },
  ): Promise<Relationship[]>;
  /** When this (observation) holds and several targets are plausible, ask the customer which. */
  disambiguates(targets: RelationshipTarget[]): Promise<Relationship[]>;
  /** Re-match this guideline after `tool` ran in the same turn. */
  reevaluateAfter(tool: Tool | ToolRef): Promise<Relationship>;
  /**
   * Runs `retriever` in turns where this guideline matched (started as soon as it matched, in
   * parallel with the rest of the turn) and gives its data to the composer. Idempotent.
   */
  attachRetriever(retriever: Retriever): void;
}

/** Builds the handle of a stored guideline, defined by the code of agent `agentId`. */
export function guidelineHandle(
  context: DefinitionContext,
  guideline: Guideline,
  agentId: string,
): GuidelineHandle {
  const self: RelationshipEndpoint = { type: 'guideline', id: guideline.id };
  const relate = (
    kind: RelationshipKind,
    target: RelationshipEndpoint,
    anyOf: string | null = null,
  ) => {
    const fields = { kind, source: self, target, anyOf };
    return define(context, context.model.relationships, {
      kind: 'relationship',
      agentId,
      id: relationshipId(fields),
      identity: 'key',
      fields,
    });
  };
  return {
    id: guideline.id,
    guideline,
    entails: (target) => relate('entails', endpointOf(target)),
    overrides: (target) => relate('overrides', endpointOf(target)),
    requires: async (target, options = {}) => {
      const targets = Array.isArray(target) ? target : [target];
      const group =
        options.anyOf === true ? contentId('any-of', ...targets.map(describeTarget)) : null;
      // One after the other: inside a sync they share one transaction.
      const related: Relationship[] = [];
      for (const one of targets) related.push(await relate('requires', endpointOf(one), group));
      return related;
    },
    disambiguates: async (targets) => {
      const related: Relationship[] = [];
      for (const one of targets) related.push(await relate('disambiguates', endpointOf(one)));
      return related;
    },
    reevaluateAfter: (tool) =>
      relate('reevaluate-after', { type: 'tool', id: typeof tool === 'string' ? tool : tool.ref }),
    attachRetriever(retriever) {
      context.retrievers.attach(retriever, { type: 'guideline', guidelineId: guideline.id });
    },
  };
}

/** The id of a relationship defined from code: derived from all it says, so defining it again finds it. */
function relationshipId(fields: {
  kind: RelationshipKind;
  source: RelationshipEndpoint;
  target: RelationshipEndpoint;
  anyOf: string | null;
}): string {
  const { kind, source, target, anyOf } = fields;
  return contentId(
    'relationship',
    kind,
    source.type,
    source.id,
    target.type,
    target.id,
    anyOf ?? '',
  );
}

/**
 * Creates the relationship unless the same one exists (its id derives from its content), as
 * one write through the behavior-model service.
 */
export async function ensureRelationship(
  store: ConductStore,
  kind: RelationshipKind,
  source: RelationshipEndpoint,
  target: RelationshipEndpoint,
  anyOf: string | null = null,
): Promise<Relationship> {
  const fields = { kind, source, target, anyOf };
  return createBehaviorModel({ store }).relationships.define(relationshipId(fields), fields);
}

function endpointOf(target: RelationshipTarget): RelationshipEndpoint {
  if ('guideline' in target) return { type: 'guideline', id: target.id };
  if ('tag' in target) return { type: 'tag', id: target.tag };
  if ('journeyId' in target) return { type: 'journey', id: target.journeyId };
  return { type: 'tool', id: target.ref };
}

function describeTarget(target: RelationshipTarget): string {
  const endpoint = endpointOf(target);
  return `${endpoint.type}:${endpoint.id}`;
}
