import { type Guideline, type GuidelineClassification, guidelineContentHash } from '@conduct/core';

/** The facts matching needs about a guideline: two about its action, one about its condition. */
export interface ClassificationFacts {
  /**
   * The action is only complete once the customer answers (e.g. "ask for the order number"), or
   * a part of it waits for the customer's answer ("once they confirm, start the return").
   */
  customerDependent: boolean;
  /** The action keeps applying while the condition holds (e.g. "speak formally"). */
  continuous: boolean;
  /**
   * The condition is about what the agent itself is about to do ("the agent recommends a
   * product"): it is judged as "the agent's next message is likely to do this".
   */
  agentIntention: boolean;
}

type GuidelineContent = Pick<Guideline, 'condition' | 'action'>;

/**
 * The content hash a classification is cached under: condition + action. The description is
 * deliberately not part of it, and not shown to the classifier either, so the cached facts
 * depend on exactly what the hash covers.
 */
export function classificationHash(guideline: GuidelineContent): string {
  return guidelineContentHash(guideline);
}

/**
 * Whether `classifyGuidelines` would ask the model about this guideline: it has an action
 * (observations need no classification) and its classification is missing, or was derived by
 * the model from content that has changed since (or before the `agentIntention` fact existed).
 * Author classifications are never replaced.
 */
export function needsClassification(
  guideline: GuidelineContent & Pick<Guideline, 'classification'>,
): boolean {
  if (guideline.action === null) return false;
  const current = guideline.classification;
  if (current === null) return true;
  if (current.source === 'author') return false;
  // Derived before `agentIntention` existed: derive again so the condition is judged right.
  if (current.agentIntention === undefined) return true;
  return current.contentHash !== classificationHash(guideline);
}

/**
 * A classification set by hand, which derivation never overwrites. Store it with
 * `store.guidelines.update(id, { classification: authorClassification({ continuous: true }, g) })`.
 * Facts not given are `false`. Pass the guideline so the record shows which content the author
 * judged (tooling can then flag an override that predates an edit).
 */
export function authorClassification(
  facts: Partial<ClassificationFacts>,
  content?: GuidelineContent,
): GuidelineClassification {
  return {
    customerDependent: facts.customerDependent ?? false,
    continuous: facts.continuous ?? false,
    agentIntention: facts.agentIntention ?? false,
    contentHash: content === undefined ? '' : classificationHash(content),
    source: 'author',
  };
}
