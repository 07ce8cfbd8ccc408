import type { ResolutionReason } from '../domain/turn-record.js';
import { collectDisambiguations } from './disambiguation.js';
import { EndpointIndex, type EntityKey, guidelineKey, journeyKey } from './endpoint-index.js';
import { applyOverrides } from './overrides.js';
import { describeEntity, entityRef, RESOLUTION_RULES, reason } from './reasons.js';
import { collectReevaluations } from './reevaluation.js';
import { applyRequirements } from './requirements.js';
import { ResolutionState } from './resolution-state.js';
import type { RelationshipResolution, ResolveRelationshipsInput } from './types.js';

/**
 * Applies relationships to a turn's matches: the final guidelines and journeys, a reason for
 * every entity dropped, kept despite a conflict, or added, the hand-offs to the disambiguation
 * task and the guidelines to re-match after each tool. Pure and deterministic: the same input
 * gives an identical output, and the order of `guidelines`, `journeys` and `relationships`
 * never matters. The rules are documented in `docs/relationships.md`.
 */
export function resolveRelationships(input: ResolveRelationshipsInput): RelationshipResolution {
  const index = endpointIndexFor(input);
  const matched = [...new Set(input.matchedGuidelineIds)].map(guidelineKey);
  const activeJourneys = [...new Set(input.activeJourneyIds)].map(journeyKey);
  const base = [...matched, ...activeJourneys];
  const state = new ResolutionState(index, base);

  for (const key of matched) {
    const entity = index.entity(key);
    if (entity.enabled) continue;
    state.drop(key, {
      rule: RESOLUTION_RULES.disabled,
      relationshipId: null,
      because: null,
      explanation: `${describeEntity(entity)} is disabled.`,
    });
  }
  state.enforceJourneyScope();
  // Requirements unmet from the start would drop their source in any order; settling them
  // first keeps such sources from overriding anything on the way out.
  applyRequirements(state);

  // Termination: every round that does not stop drops at least one more entity; drops are
  // permanent and there are `index.size` entities, so at most `index.size + 1` rounds run.
  // Within a round, the entailment closure visits each entity once (cycles included), the
  // override pass visits each source once, and each requirement sweep that does not stop
  // drops an entity. The bound below can therefore never be reached; it only guards against
  // a future bug turning into a hung turn. (In fact the second round only confirms the first:
  // after an override pass no active pair is left in conflict, and the active set only shrinks.)
  const maxRounds = index.size + 2;
  for (let round = 0; round < maxRounds; round++) {
    const dropsBefore = state.dropCount;
    applyOverrides(state);
    applyRequirements(state);
    if (state.dropCount === dropsBefore) break;
  }

  const closure = state.closure();
  const ofType = (type: 'guideline' | 'journey') =>
    closure.order
      .filter((key) => index.entity(key).type === type)
      // Stable sort: ties keep the closure order (given order first, then entailed ones).
      .sort((a, b) => byPriorityDescending(index.entity(a).priority, index.entity(b).priority));
  const finalGuidelines = ofType('guideline');
  const finalJourneys = ofType('journey');

  return {
    guidelineIds: finalGuidelines.map((key) => index.entity(key).id),
    journeyIds: finalJourneys.map((key) => index.entity(key).id),
    reasons: [
      ...state.log().filter((entry) => entry.change !== 'kept' || isActive(state, entry)),
      ...additions(state, new Set(base), [...finalGuidelines, ...finalJourneys]),
    ],
    disambiguations: collectDisambiguations(state, finalGuidelines),
    reevaluateAfterTools: collectReevaluations(index),
  };
}

function isActive(state: ResolutionState, { entity }: ResolutionReason): boolean {
  const key = entity.type === 'guideline' ? guidelineKey(entity.id) : journeyKey(entity.id);
  return state.isActive(key);
}

function additions(
  state: ResolutionState,
  base: ReadonlySet<EntityKey>,
  final: readonly EntityKey[],
): ResolutionReason[] {
  const { index } = state;
  const { entailedBy } = state.closure();
  const reasons: ResolutionReason[] = [];
  for (const key of final) {
    const entailment = entailedBy.get(key);
    if (base.has(key) || !entailment) continue;
    const entity = index.entity(key);
    const source = index.entity(entailment.source);
    reasons.push(
      reason(
        entity,
        'added',
        'entails',
        entailment.relationshipId,
        entityRef(source),
        `${describeEntity(entity)} is entailed by ${describeEntity(source)}.`,
      ),
    );
  }
  return reasons;
}

function byPriorityDescending(a: number, b: number): number {
  if (a === b) return 0;
  return a > b ? -1 : 1;
}

interface CachedIndex {
  journeys: ResolveRelationshipsInput['journeys'];
  relationships: ResolveRelationshipsInput['relationships'];
  index: EndpointIndex;
}

// The engine resolves every turn against the same behavior snapshot (its arrays are shared and
// never mutated), so the index of guidelines, journeys and relationships is built once per
// snapshot rather than once per turn. Inputs are keyed by identity: a caller that passes new
// arrays simply gets a fresh index.
const indexCache = new WeakMap<ResolveRelationshipsInput['guidelines'], CachedIndex>();

function endpointIndexFor(input: ResolveRelationshipsInput): EndpointIndex {
  let cached = indexCache.get(input.guidelines);
  if (cached?.journeys !== input.journeys || cached.relationships !== input.relationships) {
    const index = new EndpointIndex({ ...input, matchedGuidelineIds: [], activeJourneyIds: [] });
    cached = { journeys: input.journeys, relationships: input.relationships, index };
    indexCache.set(input.guidelines, cached);
  }
  const { index } = cached;
  const allKnown =
    input.matchedGuidelineIds.every((id) => index.has(guidelineKey(id))) &&
    input.activeJourneyIds.every((id) => index.has(journeyKey(id)));
  // Matches without a Guideline object (transient guidelines) need an index of their own.
  return allKnown ? index : new EndpointIndex(input);
}
