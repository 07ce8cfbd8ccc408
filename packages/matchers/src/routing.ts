import type { Guideline, TurnContext } from '@conduct/core';
import { isDisambiguationSource } from './disambiguation-options.js';

/**
 * The model-backed matching tasks, in the order `defaultStrategies()` offers guidelines to
 * them. Also the task names to route models by (`createModelRouter({ tasks: { … } })`).
 */
export const MATCHING_TASK_NAMES = [
  'disambiguation',
  'low-criticality',
  'observation',
  'reapply-customer-dependent',
  'reapply',
  'actionable',
] as const;

/** The model-backed matching tasks a guideline can be routed to. */
export type MatchingTaskName = (typeof MATCHING_TASK_NAMES)[number];

/**
 * Which task evaluates a guideline this turn:
 * 1. the source of `disambiguates` relationships (its own or through a tag) with at least two
 *    targets the agent can see → `disambiguation`;
 * 2. criticality `low` → `low-criticality` (a cheap yes/no, no reasoning);
 * 3. no action (an observation) → `observation`;
 * 4. tracked, already applied in this session, and not continuous → `reapply`, or
 *    `reapply-customer-dependent` when its action needs the customer's answer;
 * 5. otherwise → `actionable`.
 * Facts 4 needs come from the guideline's classification (`classify-guideline`); without one, a
 * guideline counts as neither continuous nor customer-dependent.
 */
export function routeGuideline(guideline: Guideline, context: TurnContext): MatchingTaskName {
  if (isDisambiguationSource(guideline, context)) return 'disambiguation';
  if (guideline.criticality === 'low') return 'low-criticality';
  if (guideline.action === null) return 'observation';
  if (wasApplied(guideline, context) && guideline.classification?.continuous !== true) {
    return guideline.classification?.customerDependent === true
      ? 'reapply-customer-dependent'
      : 'reapply';
  }
  return 'actionable';
}

/** Whether the guideline is tracked and a reply of this session has applied it. */
export function wasApplied(guideline: Guideline, context: TurnContext): boolean {
  return (
    guideline.track &&
    context.session.state.appliedGuidelines.some((entry) => entry.guidelineId === guideline.id)
  );
}
