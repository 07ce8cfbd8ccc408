/** The relationship resolver: a pure, deterministic function (docs/relationships.md). */
export { RESOLUTION_RULES } from './reasons.js';
export { resolveRelationships } from './resolve-relationships.js';
export { groupOverlappingTools, type OverlapRelationship } from './tool-overlap.js';
export type {
  DisambiguationHandOff,
  DisambiguationTarget,
  RelationshipResolution,
  ResolveRelationshipsInput,
  ResolverGuideline,
  ResolverJourney,
  ResolverRelationship,
} from './types.js';
