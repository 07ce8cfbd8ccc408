import type { ToolRef } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import type { ToolCallOutcome } from '../tools/run-tool-calls.js';
import { offeredRefs } from './tool-offer.js';
import { runToolRound } from './tool-stage.js';
import type { MatchingRound, TurnMatching } from './turn-matching.js';
import type { TurnScope } from './turn-scope.js';

/** How the tool loop ended. */
export type ToolLoopEnd =
  /** Go on to compose the reply for `matched`, with every tool call of the turn. */
  | { kind: 'compose'; matched: Guideline[]; outcomes: ToolCallOutcome[] }
  /** A re-match asked for the fallback reply (see `UnevaluatedOptions`). */
  | { kind: 'fallback'; text: string; outcomes: ToolCallOutcome[] }
  /**
   * A `toolsInferred` hook, or a `matched` hook of a re-match, bailed: no reply. The turn ends
   * with `matched`, and without the tool calls of earlier rounds.
   */
  | { kind: 'bailed'; at: 'toolsInferred' | 'matched'; matched: readonly Guideline[] };

/** What {@link runToolLoop} starts from. */
export interface ToolLoopInput {
  /** The turn's matching, for re-matches after tools ran. */
  matching: TurnMatching;
  /** Every candidate of the turn (re-matches take those worth checking again). */
  candidates: readonly Guideline[];
  /** The first matching round: what tools are offered for. */
  first: Extract<MatchingRound, { kind: 'matched' }>;
}

/**
 * The tools of a turn (docs/architecture.md#the-turn, step 6): a tool round for what the
 * latest matching offers that has not run yet, then — when a tool result makes guidelines worth
 * checking again (`reevaluate-after`) or moved a journey on to more work (another tool state,
 * a fork) — a re-match and another round, up to the agent's `maxEngineIterations`.
 */
export async function runToolLoop(scope: TurnScope, input: ToolLoopInput): Promise<ToolLoopEnd> {
  const { context, recorder, journeys } = scope;
  const { matching, candidates } = input;
  let reasons = input.first;
  const ran = new Set<ToolRef>();
  const outcomes: ToolCallOutcome[] = [];
  for (;;) {
    if (!offeredRefs(reasons).some((ref) => !ran.has(ref))) break;
    const round = await recorder.stage(`tools-${context.iteration}`, () =>
      runToolRound(scope, { reasons, alreadyRan: ran }),
    );
    if (round === undefined) break;
    if (round.hook === 'bail')
      return { kind: 'bailed', at: 'toolsInferred', matched: reasons.guidelines };
    for (const ref of round.ran) ran.add(ref);
    outcomes.push(...round.outcomes);
    const recheckIds = matching.recheckAfter(round.ran);
    // After a tool state ran, its journey moves on with no model call; another tool state or
    // a fork to decide needs one more (bounded) iteration.
    const journeyWork = journeys.afterTools(outcomes);
    if (
      (recheckIds.size === 0 && !journeyWork) ||
      context.iteration + 1 >= context.agent.maxEngineIterations
    )
      break;
    context.iteration += 1;
    const rematch = await matching.round({
      candidates: candidates.filter((guideline) => recheckIds.has(guideline.id)),
      stage: `match-${context.iteration}`,
      afterTools: ran.size > 0,
    });
    if (rematch.kind === 'fallback') return { kind: 'fallback', text: rematch.text, outcomes };
    if (rematch.kind === 'bailed') return { kind: 'bailed', at: 'matched', matched: [] };
    reasons = rematch;
  }
  return { kind: 'compose', matched: reasons.guidelines, outcomes };
}
