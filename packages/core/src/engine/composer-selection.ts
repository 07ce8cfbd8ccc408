import { type CannedScope, collectCandidates } from '../canned/candidates.js';
import { type CannedMode, createCannedComposer } from '../canned/canned-composer.js';
import { resolveCannedOptions } from '../canned/canned-options.js';
import { fieldSourcesOf } from '../canned/field-sources.js';
import { resolveNoMatch } from '../canned/no-match.js';
import { toolOfferedResponses } from '../canned/tool-offered.js';
import type { Agent } from '../domain/agent.js';
import type { CompositionMode } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import type { CompositionRecord, TurnEntityRef, TurnRecord } from '../domain/turn-record.js';
import { journeyStateRef } from '../journeys/journey-scope.js';
import type { Composer } from './composer.js';
import type { EngineDependencies } from './engine-options.js';
import { createFluidComposer } from './fluid-composer.js';
import type { ActiveJourneyView, TurnContext } from './turn-context.js';

/** Composition modes from loosest to strictest. */
export const COMPOSITION_MODE_ORDER: readonly CompositionMode[] = [
  'fluid',
  'canned_fluid',
  'composited_canned',
  'strict_canned',
];

/** The composition mode of a turn and where it came from. */
export interface ModeResolution {
  mode: CompositionMode;
  /** The entity whose mode applies; `null` when it is the agent's own. */
  source: TurnEntityRef | null;
  reason: string;
}

/**
 * The composition mode of a turn: **the strictest** of the agent's mode and the overrides in
 * effect — the matched guidelines' `compositionMode`, and each active journey's and its current
 * state's. Overrides can tighten the agent's mode, never loosen it: they come from independent
 * rules that may apply at once, and a rule that demands approved wording must hold whatever
 * else matched (compliance first). On a tie the agent's own mode is reported, then the most
 * specific override (journey state, journey, guideline).
 */
export function resolveCompositionMode(
  agent: Agent,
  guidelines: readonly Guideline[],
  activeJourneys: readonly ActiveJourneyView[],
): ModeResolution {
  let best: ModeResolution = {
    mode: agent.compositionMode,
    source: null,
    reason: `the agent's composition mode is ${agent.compositionMode}`,
  };
  const overrides: ModeResolution[] = [];
  for (const { journey, state } of activeJourneys) {
    if (state.compositionMode !== null) {
      overrides.push({
        mode: state.compositionMode,
        source: { type: 'journey-state', id: journeyStateRef(journey.id, state.id) },
        reason: `journey "${journey.title}" is at state "${state.id}", which sets ${state.compositionMode}`,
      });
    }
  }
  for (const { journey } of activeJourneys) {
    if (journey.compositionMode !== null) {
      overrides.push({
        mode: journey.compositionMode,
        source: { type: 'journey', id: journey.id },
        reason: `active journey "${journey.title}" sets ${journey.compositionMode}`,
      });
    }
  }
  for (const guideline of guidelines) {
    if (guideline.compositionMode !== null) {
      overrides.push({
        mode: guideline.compositionMode,
        source: { type: 'guideline', id: guideline.id },
        reason: `matched guideline ${guideline.id} sets ${guideline.compositionMode}`,
      });
    }
  }
  for (const override of overrides) {
    if (rank(override.mode) > rank(best.mode)) best = override;
  }
  return best;
}

/**
 * The mode a preamble must respect. The preamble is sent before matching, so it cannot know
 * which guidelines will match: it takes the strictest mode that *may* apply this turn — the
 * agent's, any candidate guideline's, and the journeys at the states the session is in now.
 * A turn that may end up strict never opens with model-written text.
 */
export function preambleCompositionMode(
  agent: Agent,
  candidates: readonly Guideline[],
  currentJourneys: readonly ActiveJourneyView[],
): CompositionMode {
  return resolveCompositionMode(agent, candidates, currentJourneys).mode;
}

function rank(mode: CompositionMode): number {
  return COMPOSITION_MODE_ORDER.indexOf(mode);
}

/** Where the chosen composer reports its decision (the turn recorder fits). */
export interface CompositionRecorder {
  record: TurnRecord;
  error(stage: string, error: unknown): void;
}

/**
 * Chooses the turn's composer from its composition mode ({@link resolveCompositionMode}):
 * the fluid composer, or a canned-response composer with this turn's candidates already
 * collected (templates offered by this turn's tool results, then stored ones in scope — by
 * journey and guideline association — with unfillable fields excluded). With no
 * usable template, `canned_fluid` and `composited_canned` simply compose fluidly (and may
 * stream); `strict_canned` still never sends free text.
 */
export async function selectComposer(
  deps: Pick<EngineDependencies, 'canned'>,
  context: TurnContext,
  guidelines: readonly Guideline[],
  recorder: CompositionRecorder,
): Promise<Composer> {
  const resolution = resolveCompositionMode(context.agent, guidelines, context.activeJourneys);
  const fluid = createFluidComposer();
  const base = {
    mode: resolution.mode,
    modeSource: resolution.source,
    modeReason: resolution.reason,
  };
  const decide = (record: Omit<CompositionRecord, keyof typeof base>) => {
    recorder.record.composition = { ...base, ...record };
  };
  if (resolution.mode === 'fluid') {
    decide({ candidates: [], excluded: [], chosen: null, outcome: 'fluid', reason: 'fluid mode' });
    return fluid;
  }
  const scope: CannedScope = {
    agent: context.agent,
    matchedGuidelineIds: new Set(guidelines.map((guideline) => guideline.id)),
    activeJourneys: context.activeJourneys,
  };
  const sources = fieldSourcesOf(context);
  // Templates offered by this turn's tool results come first: they were fetched for this reply.
  const set = collectCandidates(
    [...toolOfferedResponses(context), ...context.cannedResponses],
    scope,
    sources,
  );
  const options = resolveCannedOptions(deps.canned);
  if (set.candidates.length === 0 && resolution.mode !== 'strict_canned') {
    decide({
      candidates: [],
      excluded: set.excluded,
      chosen: null,
      outcome: 'draft',
      reason: 'no approved template can be used this turn: the reply is written freely',
    });
    return fluid;
  }
  return createCannedComposer({
    ...base,
    mode: resolution.mode as CannedMode,
    set,
    drafter: fluid,
    options,
    noMatch: (situation) =>
      resolveNoMatch(context.cannedResponses, scope, sources, options, context, situation),
    log: {
      decision: (record) => {
        recorder.record.composition = record;
      },
      error: (stage, error) => recorder.error(stage, error),
    },
  });
}
