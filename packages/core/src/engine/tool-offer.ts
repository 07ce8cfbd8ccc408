import type { ToolRef } from '../domain/common.js';
import type { Guideline } from '../domain/guideline.js';
import type { Journey, JourneyState } from '../domain/journey.js';
import type { TurnEntityRef } from '../domain/turn-record.js';
import { journeyStateRef } from '../journeys/journey-scope.js';
import type { Tool } from '../tools/define-tool.js';

/** A journey state that runs tools. */
export type ToolJourneyState = Extract<JourneyState, { type: 'tool' }>;

/** A journey the session is in, standing at one of its tool states. */
export interface JourneyToolStep {
  journey: Journey;
  state: ToolJourneyState;
}

/**
 * Why tools are offered in a tool round. The two reasons ask different things of the tool-call
 * task: a guideline's tool is called when the guideline applies to what the customer just said;
 * a journey's tool state is a step the flow requires now, whatever else the customer asked.
 */
export interface ToolReasons {
  /** Matched guidelines (their `tools`). */
  guidelines: readonly Guideline[];
  /** Journeys at a tool state (the state's `tools`). */
  journeySteps: readonly JourneyToolStep[];
}

/** One tool offered in a tool round, with everything that offered it. */
export interface ToolOffer {
  tool: Tool;
  guidelines: Guideline[];
  journeySteps: JourneyToolStep[];
}

/** Every tool reference the reasons offer. */
export function offeredRefs(reasons: ToolReasons): ToolRef[] {
  return [
    ...reasons.guidelines.flatMap((guideline) => guideline.tools),
    ...reasons.journeySteps.flatMap((step) => step.state.tools),
  ];
}

/** What offered a tool, as decision-record entities. */
export function offeredBy(offer: ToolOffer): TurnEntityRef[] {
  return [
    ...offer.guidelines.map((guideline) => ({ type: 'guideline' as const, id: guideline.id })),
    ...offer.journeySteps.map(({ journey, state }) => ({
      type: 'journey-state' as const,
      id: journeyStateRef(journey.id, state.id),
    })),
  ];
}
