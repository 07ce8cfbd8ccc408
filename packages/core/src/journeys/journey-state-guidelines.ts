import { journeyStateScopes, journeyStateTag } from '../domain/built-in-tags.js';
import type { Guideline } from '../domain/guideline.js';
import type { ResolutionReason } from '../domain/turn-record.js';

/**
 * Drops resolved guidelines scoped to a journey state the session is no longer at (the step of
 * this turn moved the journey on, or it was left), each with a resolution reason. Guidelines
 * without state scope are kept as they are.
 */
export function dropOffStateGuidelines(
  guidelines: readonly Guideline[],
  ids: readonly string[],
  inScope: (guideline: Pick<Guideline, 'tags'>) => boolean,
): { kept: string[]; reasons: ResolutionReason[] } {
  const byId = new Map(guidelines.map((g) => [g.id, g]));
  const reasons: ResolutionReason[] = [];
  const kept = ids.filter((id) => {
    const tags = byId.get(id)?.tags ?? [];
    const scopes = journeyStateScopes(tags);
    const scope = scopes[0];
    if (scope === undefined || inScope({ tags })) return true;
    reasons.push({
      entity: { type: 'guideline', id },
      change: 'dropped',
      rule: 'journey-state-inactive',
      relationshipId: null,
      because: { type: 'journey', id: scope.journeyId },
      explanation: `guideline "${id}" is scoped to state ${journeyStateTag(scope.journeyId, scope.stateId)}, which the journey is no longer at.`,
    });
    return false;
  });
  return { kept, reasons };
}
