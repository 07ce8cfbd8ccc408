import type { Guideline, TurnContext } from '@conduct/core';

/**
 * Which guidelines a non-model strategy takes: a predicate, or ids and/or tags (a guideline
 * is selected when its id is listed or it carries one of the tags).
 */
export type GuidelineSelector =
  | ((guideline: Guideline, context: TurnContext) => boolean)
  | { ids?: readonly string[]; tags?: readonly string[] };

/** Turns a {@link GuidelineSelector} into a predicate. */
export function toPredicate(
  selector: GuidelineSelector,
): (guideline: Guideline, context: TurnContext) => boolean {
  if (typeof selector === 'function') return selector;
  const ids = new Set(selector.ids ?? []);
  const tags = new Set(selector.tags ?? []);
  return (guideline) => ids.has(guideline.id) || guideline.tags.some((tag) => tags.has(tag));
}
