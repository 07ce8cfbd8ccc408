import type { Guideline, Journey, RelationshipEndpoint, TurnContext } from '@conduct/core';

/** Something a customer might mean when a `disambiguates` source holds. */
export interface DisambiguationOption {
  type: 'guideline' | 'journey';
  id: string;
  /** Short name used in the rationale handed to the composer. */
  label: string;
  /** How the option is shown to the model. */
  text: string;
}

const optionsByTurn = new WeakMap<TurnContext, Map<string, DisambiguationOption[]>>();

/**
 * The options of a `disambiguates` source guideline this turn, in relationship order: its own
 * relationships and those of its tags, with tag targets expanded to the guidelines carrying
 * the tag (as the relationship resolver does). Targets the agent cannot see, tools and the
 * source itself are left out. Empty for a guideline that disambiguates nothing.
 */
export function disambiguationOptions(
  guideline: Guideline,
  context: TurnContext,
): readonly DisambiguationOption[] {
  let bySource = optionsByTurn.get(context);
  if (bySource === undefined) {
    bySource = collect(context);
    optionsByTurn.set(context, bySource);
  }
  return bySource.get(guideline.id) ?? [];
}

/** Whether the guideline is a `disambiguates` source with at least two options this turn. */
export function isDisambiguationSource(guideline: Guideline, context: TurnContext): boolean {
  return disambiguationOptions(guideline, context).length >= 2;
}

// Computed once per turn: routing asks for every candidate, the task again for every item.
function collect(context: TurnContext): Map<string, DisambiguationOption[]> {
  const bySource = new Map<string, DisambiguationOption[]>();
  for (const relationship of context.relationships) {
    if (relationship.kind !== 'disambiguates') continue;
    for (const source of guidelinesAt(relationship.source, context)) {
      const options = bySource.get(source.id) ?? [];
      for (const option of optionsAt(relationship.target, context)) {
        if (option.type === 'guideline' && option.id === source.id) continue;
        if (options.some((known) => known.type === option.type && known.id === option.id)) {
          continue;
        }
        options.push(option);
      }
      bySource.set(source.id, options);
    }
  }
  return bySource;
}

function guidelinesAt(endpoint: RelationshipEndpoint, context: TurnContext): Guideline[] {
  if (endpoint.type === 'guideline') return context.guidelines.filter((g) => g.id === endpoint.id);
  if (endpoint.type === 'tag')
    return context.guidelines.filter((g) => g.tags.includes(endpoint.id));
  return [];
}

function optionsAt(endpoint: RelationshipEndpoint, context: TurnContext): DisambiguationOption[] {
  if (endpoint.type === 'journey') {
    const journey = context.journeys.find((candidate) => candidate.id === endpoint.id);
    return journey === undefined ? [] : [journeyOption(journey)];
  }
  return guidelinesAt(endpoint, context).map(guidelineOption);
}

function guidelineOption(guideline: Guideline): DisambiguationOption {
  return {
    type: 'guideline',
    id: guideline.id,
    label: guideline.title ?? guideline.condition,
    text:
      guideline.action === null
        ? guideline.condition
        : `${guideline.condition}, then ${guideline.action}`,
  };
}

function journeyOption(journey: Journey): DisambiguationOption {
  const about = journey.description.trim() || journey.triggers.map((t) => t.condition).join('; ');
  return {
    type: 'journey',
    id: journey.id,
    label: journey.title,
    text: about === '' ? `the "${journey.title}" flow` : `the "${journey.title}" flow: ${about}`,
  };
}
