import type { PromptSection } from '../prompt/prompt-builder.js';
import type { TurnContext } from './turn-context.js';

/** The composer's instruction about `<journey-steps>` (static). */
export const JOURNEY_STEPS_INSTRUCTION =
  'When <journey-steps> lists a step, the conversation is part of a flow: this reply carries out that step (say or ask what it says), alongside anything else the customer raised. If the conversation shows the customer already gave what the step asks for, acknowledge it instead of asking again. Never mention flows or steps.';

/**
 * `<journey-steps>`: the chat step of each active journey, with the journey's title and
 * description for context (skipped when no journey is at a chat step).
 */
export function journeyStepsSection(context: TurnContext): PromptSection {
  return {
    name: 'journey-steps',
    kind: 'dynamic',
    content: context.activeJourneys.flatMap(({ journey, state }) => {
      if (state.type !== 'chat') return [];
      const about = journey.description.trim() === '' ? '' : ` (${journey.description.trim()})`;
      return [`- ${journey.title}${about}: ${state.instruction}`];
    }),
  };
}
