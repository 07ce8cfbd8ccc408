import type { Guideline } from '../domain/guideline.js';
import type { MatchVerdict } from '../domain/turn-record.js';
import { ConfigurationError } from '../errors/errors.js';
import type { TurnRecorder } from './turn-recorder.js';

/**
 * What a turn does when a `high`-criticality guideline could not be evaluated: its matching call
 * failed (the provider error left after the adapter's own retries of rate limits and server
 * errors, or the task's deadline passed — with a router, after its fallback models and hedge;
 * the engine does not call the strategy again), or its answer stayed invalid after the repair
 * attempt:
 * - `fail`: the turn ends with an `error` status (an `UnevaluatedGuidelinesError`) and no reply —
 *   except in the re-match after a tool ran in the turn: then it acts as `continue` (with a
 *   note), so the customer still hears about what the tool did;
 * - `fallback`: the turn sends {@link UnevaluatedOptions.fallbackMessage} instead of a composed
 *   reply (no tools run, nothing else is matched);
 * - `continue`: the guideline counts as not matched, like a low- or medium-criticality one (in
 *   a re-match after tools, it keeps its earlier verdict).
 */
export type HighCriticalityUnevaluatedAction = 'fail' | 'fallback' | 'continue';

/** The actions of {@link HighCriticalityUnevaluatedAction}, for validating configuration. */
export const HIGH_CRITICALITY_UNEVALUATED_ACTIONS = [
  'fail',
  'fallback',
  'continue',
] as const satisfies readonly HighCriticalityUnevaluatedAction[];

/**
 * What to do with guidelines that could not be evaluated. Low- and medium-criticality ones
 * always count as not matched and the turn goes on; every unevaluated guideline, whatever its
 * criticality, is listed in the decision record's `errors` (code `guideline_unevaluated`).
 */
export interface UnevaluatedOptions {
  /**
   * Default `fail`: a guideline that must not be missed is never silently skipped. In the
   * re-match after a tool ran in the turn, `fail` acts as `continue` (noted in the record):
   * failing then would drop the reply that confirms something the tool already did.
   */
  onHighCriticality?: HighCriticalityUnevaluatedAction;
  /** The reply sent under `fallback` (required then), e.g. "Sorry, I can't help right now…". */
  fallbackMessage?: string;
}

/** What {@link decideUnevaluated} concluded for one matching stage. */
export type UnevaluatedDecision =
  | { action: 'continue' }
  | { action: 'fail'; guidelineIds: string[] }
  | { action: 'fallback'; guidelineIds: string[]; message: string };

/** Record error code of an unevaluated guideline. */
export const GUIDELINE_UNEVALUATED = 'guideline_unevaluated';

/**
 * Throws a `ConfigurationError` for the removed engine option `unevaluatedPolicy`: a JavaScript
 * caller still passing it would otherwise have its policy silently turned off.
 */
export function refuseRemovedUnevaluatedPolicy(deps: object): void {
  if (!Object.hasOwn(deps, 'unevaluatedPolicy')) return;
  throw new ConfigurationError(
    "The engine option unevaluatedPolicy was removed: use unevaluated: { onHighCriticality: 'fail' | 'fallback' | 'continue', fallbackMessage } instead (the default, 'fail', replaces failIfHighCriticalityUnevaluated)",
  );
}

/**
 * Throws a `ConfigurationError` for options that cannot work (an unknown action, `fallback`
 * without a message), so a bad setting is found at start, not in the first failing turn.
 */
export function validateUnevaluatedOptions(options: UnevaluatedOptions | undefined): void {
  const action = options?.onHighCriticality ?? 'fail';
  if (!(HIGH_CRITICALITY_UNEVALUATED_ACTIONS as readonly string[]).includes(action)) {
    throw new ConfigurationError(
      `unevaluated.onHighCriticality must be fail, fallback or continue (got '${String(action)}')`,
    );
  }
  if (action === 'fallback' && (options?.fallbackMessage ?? '').trim() === '') {
    throw new ConfigurationError(
      "unevaluated.onHighCriticality 'fallback' needs a non-empty unevaluated.fallbackMessage",
    );
  }
}

/**
 * Records every unevaluated candidate of a matching stage in the decision record's `errors`
 * (with its criticality, strategy and reason) and decides what the turn does about them.
 */
export function decideUnevaluated(input: {
  candidates: readonly Guideline[];
  verdicts: readonly MatchVerdict[];
  options: UnevaluatedOptions | undefined;
  recorder: TurnRecorder;
  stage: string;
  /** Whether a tool already ran in this turn (a re-match after a tool round). */
  afterTools?: boolean;
}): UnevaluatedDecision {
  const byId = new Map(input.candidates.map((guideline) => [guideline.id, guideline]));
  const unevaluated: Guideline[] = [];
  for (const verdict of input.verdicts) {
    const guideline = verdict.matched === null ? byId.get(verdict.entity.id) : undefined;
    if (guideline === undefined) continue;
    unevaluated.push(guideline);
    input.recorder.record.errors.push({
      stage: input.stage,
      message: `Guideline ${guideline.id} (${guideline.criticality} criticality) was not evaluated by strategy '${verdict.strategy}': ${verdict.error ?? 'no verdict'}`,
      code: GUIDELINE_UNEVALUATED,
      entity: { type: 'guideline', id: guideline.id },
    });
  }
  const high = unevaluated.filter((guideline) => guideline.criticality === 'high');
  const configured = input.options?.onHighCriticality ?? 'fail';
  const downgraded = configured === 'fail' && input.afterTools === true && high.length > 0;
  const action = downgraded ? 'continue' : configured;
  if (downgraded) {
    input.recorder.note(
      `High-criticality guideline(s) ${high.map((g) => g.id).join(', ')} could not be re-evaluated after a tool ran: the turn continued instead of failing (unevaluated.onHighCriticality 'fail'), so the reply still tells the customer what the tool did`,
    );
  }
  if (high.length === 0 || action === 'continue') {
    if (unevaluated.length > 0) {
      input.recorder.note(
        `${unevaluated.length} guideline(s) could not be evaluated and counted as not matched`,
      );
    }
    return { action: 'continue' };
  }
  const guidelineIds = high.map((guideline) => guideline.id);
  if (action === 'fallback') {
    input.recorder.note(
      `High-criticality guideline(s) ${guidelineIds.join(', ')} could not be evaluated: the configured fallback reply was sent instead of a composed one`,
    );
    return { action, guidelineIds, message: input.options?.fallbackMessage ?? '' };
  }
  return { action: 'fail', guidelineIds };
}

/**
 * Lists in the decision record's `errors` the tracked guidelines the response analysis gave no
 * usable verdict for (code `guideline_unevaluated`, stage `response-analysis`), with the
 * analyzer's reason and how it counted them.
 */
export function recordUnanalyzed(
  recorder: TurnRecorder,
  unanalyzed: readonly { guidelineId: string; error: string }[],
): void {
  for (const { guidelineId, error } of unanalyzed) {
    recorder.record.errors.push({
      stage: 'response-analysis',
      message: `The response analysis gave no verdict for guideline ${guidelineId}: ${error}`,
      code: GUIDELINE_UNEVALUATED,
      entity: { type: 'guideline', id: guidelineId },
    });
  }
}
