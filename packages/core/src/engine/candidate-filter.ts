import type { Guideline } from '../domain/guideline.js';
import type { TurnContext } from './turn-context.js';

/** What a candidate filter kept and what it left out (with why, for the decision record). */
export interface CandidateSelection {
  kept: Guideline[];
  skipped: { guidelineId: string; reason: string }[];
}

/**
 * Narrows the candidates before any model sees them (docs/architecture.md#the-turn, step 3), e.g.
 * by relevance to the recent conversation when an agent has many guidelines. Must be generous: a
 * guideline it drops cannot match this turn. `@conduct/matchers` provides the lexical/embedding
 * pre-filter.
 */
export interface CandidateFilter {
  select(candidates: readonly Guideline[], context: TurnContext): Promise<CandidateSelection>;
}
