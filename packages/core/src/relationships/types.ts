import type { ToolRef } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import type { Journey } from '../domain/journey.js';
import type { Relationship } from '../domain/relationship.js';
import type { ResolutionReason } from '../domain/turn-record.js';

/** What the resolver needs to know about a guideline. A full {@link Guideline} fits. */
export type ResolverGuideline = Pick<Guideline, 'id' | 'tags' | 'priority' | 'enabled'>;

/** What the resolver needs to know about a journey. A full {@link Journey} fits. */
export type ResolverJourney = Pick<Journey, 'id' | 'tags' | 'priority'>;

/** What the resolver needs to know about a relationship. A full {@link Relationship} fits. */
export type ResolverRelationship = Pick<
  Relationship,
  'id' | 'kind' | 'source' | 'target' | 'anyOf'
>;

/** Input of {@link resolveRelationships}. Array order matters only where documented. */
export interface ResolveRelationshipsInput {
  /**
   * Guidelines the matchers matched this turn. Their order breaks ties between guidelines of
   * equal priority in the result. Duplicates are ignored.
   */
  readonly matchedGuidelineIds: readonly string[];
  /** Journeys active this turn (continuing or newly triggered), in order of importance. */
  readonly activeJourneyIds: readonly string[];
  /**
   * Every candidate guideline the agent can see this turn: tags, priority and `enabled` are
   * read from here, and only these can be added by `entails`. Treated as immutable: the index
   * built from `guidelines`, `journeys` and `relationships` is reused while the same arrays are
   * passed again.
   */
  readonly guidelines: readonly ResolverGuideline[];
  /** Every journey the agent can see; only these can be added by `entails`. */
  readonly journeys: readonly ResolverJourney[];
  /** Relationships to apply; those naming unknown guidelines or journeys are ignored. */
  readonly relationships: readonly ResolverRelationship[];
}

/** A guideline or journey a disambiguation question may point the customer to. */
export interface DisambiguationTarget {
  readonly type: 'guideline' | 'journey';
  readonly id: string;
}

/**
 * A `disambiguates` source that is active while two or more of its targets are plausible.
 * The resolver does not decide anything here: the matcher's `disambiguation` task does.
 */
export interface DisambiguationHandOff {
  /** The active guideline (usually an observation) that signals the ambiguity. */
  sourceGuidelineId: string;
  /** The plausible targets, guidelines first, each group sorted by id. */
  targets: DisambiguationTarget[];
  /** The relationships that contributed at least one plausible target, sorted by id. */
  relationshipIds: string[];
}

/** Output of {@link resolveRelationships}. */
export interface RelationshipResolution {
  /** The final guidelines: priority descending, then matched order, then entailed ones. */
  guidelineIds: string[];
  /** The final journeys: priority descending, then active order, then entailed ones. */
  journeyIds: string[];
  /**
   * Why entities were dropped, kept despite a conflict, or added; drops and keeps in the
   * order they happened, then additions in result order.
   */
  reasons: ResolutionReason[];
  /** Hand-offs to the `disambiguation` matching task, in result order of their sources. */
  disambiguations: DisambiguationHandOff[];
  /** For each tool (sorted): the candidate guidelines to re-match after it ran, sorted by id. */
  reevaluateAfterTools: Record<ToolRef, string[]>;
}
