import type { RelationshipEndpoint } from '../domain/relationship.js';
import type { ResolutionReason, TurnEntityRef } from '../domain/turn-record.js';
import type { ResolverEntity } from './endpoint-index.js';

/** Rules named in {@link ResolutionReason.rule} besides the relationship kinds. */
export const RESOLUTION_RULES = {
  disabled: 'disabled',
  journeyInactive: 'journey-inactive',
} as const;

/** The turn-record reference of a resolver entity. */
export function entityRef(entity: ResolverEntity): TurnEntityRef {
  return { type: entity.type, id: entity.id };
}

/** `guideline "g1"` / `journey "j1"`, for explanations. */
export function describeEntity(entity: Pick<ResolverEntity, 'type' | 'id'>): string {
  return `${entity.type} "${entity.id}"`;
}

/** An endpoint as written in a relationship, for explanations. */
export function describeEndpoint(endpoint: RelationshipEndpoint): string {
  return `${endpoint.type} "${endpoint.id}"`;
}

/**
 * The turn-record reference of an endpoint, or `null` for a tag: a tag is a group, not an
 * entity, and the turn record only names entities.
 */
export function endpointRef(endpoint: RelationshipEndpoint): TurnEntityRef | null {
  return endpoint.type === 'tag' ? null : { type: endpoint.type, id: endpoint.id };
}

/** Builds a reason about `entity`. */
export function reason(
  entity: ResolverEntity,
  change: ResolutionReason['change'],
  rule: string,
  relationshipId: string | null,
  because: TurnEntityRef | null,
  explanation: string,
): ResolutionReason {
  return { entity: entityRef(entity), change, rule, relationshipId, because, explanation };
}
