import type { ResolutionReason, TurnEntityRef } from '../domain/turn-record.js';
import { guideline } from './test-fixtures.js';
import type {
  DisambiguationHandOff,
  DisambiguationTarget,
  ResolverGuideline,
  ResolverJourney,
  ResolverRelationship,
} from './types.js';

/** A guideline reference. */
export const G = (id: string): TurnEntityRef => ({ type: 'guideline', id });
/** A journey reference. */
export const J = (id: string): TurnEntityRef => ({ type: 'journey', id });
/** A disambiguation target. */
export const target = (type: DisambiguationTarget['type'], id: string): DisambiguationTarget => ({
  type,
  id,
});

/** One row of the table-driven resolver suite. */
export interface Case {
  name: string;
  guidelines: ResolverGuideline[];
  journeys?: ResolverJourney[];
  relationships: ResolverRelationship[];
  matched: string[];
  active?: string[];
  /** Final guideline ids, in order. */
  expected: string[];
  /** Final journey ids, in order (default: none). */
  expectedJourneys?: string[];
  /** Reasons that must be present (partial match). */
  reasons?: Partial<ResolutionReason>[];
  /** Entities that must have no reason at all. */
  silent?: TurnEntityRef[];
  disambiguations?: DisambiguationHandOff[];
  reevaluate?: Record<string, string[]>;
}

/** An expected `dropped` reason. */
export const dropped = (
  entity: TurnEntityRef,
  rule: string,
  relationshipId: string | null,
  because: TurnEntityRef | null,
): Partial<ResolutionReason> => ({ entity, change: 'dropped', rule, relationshipId, because });
/** An expected `added` reason (always by `entails`). */
export const added = (entity: TurnEntityRef, relationshipId: string, because: TurnEntityRef) => ({
  entity,
  change: 'added' as const,
  rule: 'entails',
  relationshipId,
  because,
});
/** An expected `kept` reason (always from an override cycle). */
export const kept = (entity: TurnEntityRef, relationshipId: string, because: TurnEntityRef) => ({
  entity,
  change: 'kept' as const,
  rule: 'overrides',
  relationshipId,
  because,
});

/** Four plain guidelines: a, b, c, d. */
export const abc = ['a', 'b', 'c', 'd'].map((id) => guideline(id));
