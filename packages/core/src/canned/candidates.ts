import type { Agent } from '../domain/agent.js';
import { agentTag, NO_MATCH_TAG, PREAMBLE_TAG, parseTag } from '../domain/built-in-tags.js';
import type { CannedResponse } from '../domain/canned-response.js';
import type { ActiveJourneyView } from '../engine/turn-context.js';
import type { FieldSources } from './field-sources.js';
import { type PreparedTemplate, prepareTemplate } from './render.js';

/** What a canned response is for, by its reserved tags. */
export type CannedPurpose = 'reply' | 'preamble' | 'no-match';

/** What decides which canned responses a turn may use. */
export interface CannedScope {
  agent: Agent;
  /** Guidelines matched this turn (responses tagged `guideline:<id>` need theirs). */
  matchedGuidelineIds: ReadonlySet<string>;
  activeJourneys: readonly ActiveJourneyView[];
}

/** A canned response left out of this turn, with why. */
export interface ExcludedCandidate {
  id: string;
  reason: string;
}

/** The usable candidates of a turn and those excluded because a field cannot be filled. */
export interface CandidateSet {
  candidates: PreparedTemplate[];
  excluded: ExcludedCandidate[];
}

/** The purpose a response's reserved tags give it. */
export function purposeOf(response: CannedResponse): CannedPurpose {
  if (response.tags.includes(PREAMBLE_TAG)) return 'preamble';
  if (response.tags.includes(NO_MATCH_TAG)) return 'no-match';
  return 'reply';
}

/**
 * Whether a response is available to this turn, by tags:
 * - scope tags (`agent:<id>`, or any other tag): the agent must carry one of them; untagged
 *   responses are global;
 * - association tags (`guideline:<id>`, `journey:<id>`, `journey_node:<journeyId>:<stateId>` or
 *   `journey_node:<stateId>`): at least one must hold now — the guideline matched, the journey
 *   active, that journey (or, unqualified, any active journey) at that state.
 */
export function isInScope(response: CannedResponse, scope: CannedScope): boolean {
  const scopeTags: string[] = [];
  let gated = false;
  let open = false;
  for (const tag of response.tags) {
    if (tag === PREAMBLE_TAG || tag === NO_MATCH_TAG) continue;
    const gate = gateHolds(tag, scope);
    if (gate === undefined) scopeTags.push(tag);
    else {
      gated = true;
      open ||= gate;
    }
  }
  if (gated && !open) return false;
  if (scopeTags.length === 0) return true;
  const own = agentTag(scope.agent.id);
  return scopeTags.some((tag) => tag === own || scope.agent.tags.includes(tag));
}

/** True when the response is tied to a guideline, journey or journey state (not just scoped). */
export function isAssociated(response: CannedResponse): boolean {
  return response.tags.some((tag) => {
    const kind = parseTag(tag)?.kind;
    return kind !== undefined && kind !== 'agent';
  });
}

/**
 * True when the response is tied to this point of the conversation: to a journey state a
 * journey is at now, or to a guideline matched now (being tied only to an active journey, or
 * only scoped to the agent, is not enough).
 */
export function isTiedToCurrentStep(response: CannedResponse, scope: CannedScope): boolean {
  return response.tags.some((tag) => {
    const kind = parseTag(tag)?.kind;
    const stepTag = kind === 'guideline' || kind === 'journey-state' || kind === 'journey-node';
    return stepTag && gateHolds(tag, scope) === true;
  });
}

/** Whether an association tag holds now; `undefined` for a scope tag (agent or other). */
function gateHolds(tag: string, scope: CannedScope): boolean | undefined {
  const parsed = parseTag(tag);
  switch (parsed?.kind) {
    case 'guideline':
      return scope.matchedGuidelineIds.has(parsed.guidelineId);
    case 'journey':
      return scope.activeJourneys.some((active) => active.journey.id === parsed.journeyId);
    case 'journey-state':
      return scope.activeJourneys.some(
        (active) => active.journey.id === parsed.journeyId && active.state.id === parsed.stateId,
      );
    case 'journey-node':
      // The bare `journey_node:<stateId>` form matches that state in any active journey.
      return scope.activeJourneys.some((active) => active.state.id === parsed.node);
    default:
      return undefined;
  }
}

/**
 * The responses of `purpose` this turn may use, prepared (non-generative fields filled).
 * Responses out of scope are not candidates at all; in-scope ones with a field or dependency
 * that cannot be filled are excluded — before any model sees them — and reported with why.
 */
export function collectCandidates(
  responses: readonly CannedResponse[],
  scope: CannedScope,
  sources: FieldSources,
  purpose: CannedPurpose = 'reply',
): CandidateSet {
  const candidates: PreparedTemplate[] = [];
  const excluded: ExcludedCandidate[] = [];
  for (const response of responses) {
    if (purposeOf(response) !== purpose || !isInScope(response, scope)) continue;
    const prepared = prepareTemplate(response, sources);
    if ('reason' in prepared) excluded.push({ id: response.id, reason: prepared.reason });
    else candidates.push(prepared);
  }
  return { candidates, excluded };
}
