import type { ToolRef } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import { UnevaluatedGuidelinesError } from '../errors/errors.js';
import { resolveRelationships } from '../relationships/resolve-relationships.js';
import type { RelationshipResolution } from '../relationships/types.js';
import type { MatchedGuideline } from './composer.js';
import { runHooks } from './hooks.js';
import { type MatchDetail, matchGuidelines } from './match-stage.js';
import type { JourneyToolStep } from './tool-offer.js';
import type { TurnScope } from './turn-scope.js';
import { decideUnevaluated } from './unevaluated-policy.js';

/** What one matching round ended with. */
export type MatchingRound =
  /**
   * The matched guidelines (the list `matched` hooks saw, edits included), and the journeys at
   * a tool state: why tools are offered next (`ToolReasons`).
   */
  | { kind: 'matched'; guidelines: Guideline[]; journeySteps: JourneyToolStep[] }
  /** The unevaluated-guidelines policy asks for its fallback reply instead. */
  | { kind: 'fallback'; text: string }
  /** A `matched` hook bailed: no reply. */
  | { kind: 'bailed' };

/** What {@link TurnMatching.round} matches. */
export interface MatchingRoundInput {
  candidates: readonly Guideline[];
  /** The stage name the matching wave is recorded as (`match`, `match-1`, …). */
  stage: string;
  /** A re-match after tools ran this turn (see `UnevaluatedOptions.onHighCriticality`). */
  afterTools?: boolean;
}

/**
 * Matching and relationship resolution (docs/architecture.md#the-turn, steps 4–5), round after
 * round: the first for every candidate, later ones (after tools) for the guidelines worth
 * checking again. Remembers each guideline's latest verdict across rounds, and the rationale and
 * clarification the reply needs.
 */
export class TurnMatching {
  readonly #matches = new Map<string, MatchDetail>();
  /** For each tool: the candidate guidelines to match again after it ran (latest resolution). */
  #reevaluateAfterTools: RelationshipResolution['reevaluateAfterTools'] = {};
  #byId: Map<string, Guideline> | undefined;

  constructor(readonly scope: TurnScope) {}

  /**
   * One round: the matching wave (guidelines and journeys in parallel), the unevaluated
   * policy, relationship resolution, then the resolved guidelines minus the targets of an
   * unclear intent (the reply asks which one the customer means instead), after `matched` hooks.
   */
  async round(input: MatchingRoundInput): Promise<MatchingRound> {
    const { deps, context, recorder, journeys } = this.scope;
    const { candidates, stage } = input;
    const outcome = await journeys.matchingWave({
      stage,
      candidates,
      strategies: deps.strategies,
      match: matchGuidelines,
    });
    recorder.verdicts(outcome.verdicts);
    const decision = decideUnevaluated({
      candidates,
      verdicts: outcome.verdicts,
      options: deps.unevaluated,
      recorder,
      stage,
      afterTools: input.afterTools ?? false,
    });
    if (decision.action === 'fail') throw new UnevaluatedGuidelinesError(decision.guidelineIds);
    if (decision.action === 'fallback') return { kind: 'fallback', text: decision.message };
    for (const verdict of outcome.verdicts) {
      // An unevaluated re-check keeps what the guideline had before.
      if (verdict.matched === null) continue;
      const detail = outcome.matched.get(verdict.entity.id);
      if (detail !== undefined) this.#matches.set(verdict.entity.id, detail);
      else this.#matches.delete(verdict.entity.id);
    }
    const { resolution, toolSteps } = await recorder.stage(
      `resolve-${context.iteration}`,
      async () =>
        journeys.resolve({
          matchedGuidelineIds: [...this.#matches.keys()],
          resolver: resolveRelationships,
        }),
    );
    this.#reevaluateAfterTools = resolution.reevaluateAfterTools;
    recorder.record.resolution = [...resolution.reasons];
    const guidelines = this.#withoutUnclearTargets(resolution.guidelineIds);
    const verdict = await runHooks(deps.hooks?.matched, context, { guidelines });
    if (verdict === 'bail') return { kind: 'bailed' };
    return { kind: 'matched', guidelines, journeySteps: toolSteps };
  }

  /** The candidate ids worth matching again now that these tools ran (`reevaluate-after`). */
  recheckAfter(ran: readonly ToolRef[]): Set<string> {
    return new Set(ran.flatMap((ref) => this.#reevaluateAfterTools[ref] ?? []));
  }

  /** The guidelines for the composer, each with why it matched (and what to ask, if unclear). */
  withRationales(guidelines: readonly Guideline[]): MatchedGuideline[] {
    return guidelines.map((guideline) => {
      const detail = this.#matches.get(guideline.id);
      return {
        guideline,
        rationale: detail?.rationale,
        ...(detail?.clarification ? { clarifyingQuestion: detail.clarification.question } : {}),
      };
    });
  }

  /** The resolved guidelines, minus the targets of an unclear intent (recorded as dropped). */
  #withoutUnclearTargets(ids: readonly string[]): Guideline[] {
    const { recorder } = this.scope;
    const byId = this.#guidelinesById();
    const resolved = ids.flatMap((id) => byId.get(id) ?? []);
    const resolvedIds = new Set(resolved.map((guideline) => guideline.id));
    const heldBack = new Map<string, string>();
    for (const guideline of resolved) {
      for (const target of this.#matches.get(guideline.id)?.clarification?.targets ?? []) {
        if (target.type === 'guideline' && target.id !== guideline.id)
          heldBack.set(target.id, guideline.id);
      }
    }
    for (const [targetId, sourceId] of heldBack) {
      if (!resolvedIds.has(targetId)) continue;
      recorder.resolution([
        {
          entity: { type: 'guideline', id: targetId },
          change: 'dropped',
          rule: 'disambiguates',
          relationshipId: null,
          because: { type: 'guideline', id: sourceId },
          explanation:
            "The customer's intent is unclear between this and other options; the reply asks first",
        },
      ]);
    }
    return resolved.filter((guideline) => !heldBack.has(guideline.id));
  }

  /** The agent's guidelines by id: built once per turn (they do not change within it). */
  #guidelinesById(): ReadonlyMap<string, Guideline> {
    this.#byId ??= new Map(this.scope.context.guidelines.map((g) => [g.id, g]));
    return this.#byId;
  }
}
