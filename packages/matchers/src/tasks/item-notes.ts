import type { Guideline, TurnContext } from '@conduct/core';

/**
 * The note under an item whose condition is about the agent's own next move (classification
 * `agentIntention`): judged as it stands, "the agent recommends a product" has not happened yet
 * and would never hold.
 */
export const AGENT_INTENTION_NOTE =
  "About the agent's next move: holds when the agent's next message is likely to do this.";

/**
 * What the judge must know around a guideline's condition, shown under its item: that it is
 * about the agent's next move, the author's description, and the conditions it only makes sense
 * with (`requires` targets). Without them a model reads "the customer wants a refund" bare,
 * although it was meant only for a delivery that arrived damaged. Each note is a line of its
 * own, which the numbered item list indents under the item's text, so item parsers that read
 * `N. …` lines are unaffected.
 */
export function itemNotes(guideline: Guideline, context: TurnContext): string[] {
  const notes: string[] = [];
  if (guideline.classification?.agentIntention === true) notes.push(AGENT_INTENTION_NOTE);
  const description = guideline.description?.trim();
  if (description) notes.push(`Author's note: ${description}`);
  const groups = new Map<string, string[]>();
  for (const relationship of context.relationships) {
    if (relationship.kind !== 'requires') continue;
    if (relationship.source.type !== 'guideline' || relationship.source.id !== guideline.id) {
      continue;
    }
    const partner = partnerText(relationship.target, context);
    if (partner === undefined) continue;
    const key = relationship.anyOf ?? relationship.id;
    groups.set(key, [...(groups.get(key) ?? []), partner]);
  }
  for (const partners of groups.values()) {
    notes.push(`Only meant for when also: ${partners.join(' or ')}`);
  }
  return notes;
}

function partnerText(
  endpoint: { type: string; id: string },
  context: TurnContext,
): string | undefined {
  if (endpoint.type === 'guideline') {
    return context.guidelines.find((candidate) => candidate.id === endpoint.id)?.condition;
  }
  if (endpoint.type === 'journey') {
    const journey = context.journeys.find((candidate) => candidate.id === endpoint.id);
    return journey === undefined ? undefined : `the "${journey.title}" flow is under way`;
  }
  return undefined;
}
