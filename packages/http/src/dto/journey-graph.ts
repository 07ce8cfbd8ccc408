import { compositionModeSchema, type Journey, type JourneyState } from '@conduct/core';
import { z } from 'zod';
import { named } from '../openapi/schema-registry.js';
import { toolIdDto, toolIdDtoSchema } from './tool.js';

/** Marks a field or schema as a Conduct addition beside Parlant's shape (OpenAPI `x-` key). */
export function conductExtension<S extends z.ZodType>(schema: S, description: string): S {
  return schema.meta({
    description: `Conduct extension (not in Parlant's API). ${description}`,
    'x-conduct-extension': true,
  });
}

const stateBase = {
  id: z.string(),
  description: z.string().nullable(),
  composition_mode: compositionModeSchema.nullable(),
};

/** Wire shape of one journey state (a Conduct extension; see docs/journeys.md). */
export const journeyStateDtoSchema = named(
  z.discriminatedUnion('type', [
    z.object({ ...stateBase, type: z.literal('chat'), instruction: z.string() }),
    z.object({
      ...stateBase,
      type: z.literal('tool'),
      tools: z.array(toolIdDtoSchema),
      instruction: z.string().nullable(),
    }),
    z.object({ ...stateBase, type: z.literal('fork') }),
    z.object({ ...stateBase, type: z.literal('journey'), journey_id: z.string() }),
    z.object({ ...stateBase, type: z.literal('end') }),
  ]),
  'JourneyState',
  'A step of a journey: chat, tool, fork, journey (a nested journey) or end. Conduct extension.',
);

/** Wire shape of one journey transition (a Conduct extension). */
export const journeyTransitionDtoSchema = named(
  z.object({
    id: z.string(),
    from: z.string(),
    to: z.string(),
    condition: z.string().nullable().describe('When the move applies; `null` for always'),
  }),
  'JourneyTransition',
  'A move between two states of a journey. Conduct extension.',
);

/** The graph fields of the journey wire shape, beside the Parlant-compatible ones. */
export const journeyGraphDtoFields = {
  initial_state_id: conductExtension(z.string(), 'The state a journey starts in.'),
  states: conductExtension(z.array(journeyStateDtoSchema), "The journey's states."),
  transitions: conductExtension(
    z.array(journeyTransitionDtoSchema),
    'The moves between states, each with an optional condition.',
  ),
};

type StateDto = z.output<typeof journeyStateDtoSchema>;

function stateDto(state: JourneyState): StateDto {
  const base = {
    id: state.id,
    description: state.description,
    composition_mode: state.compositionMode,
  };
  switch (state.type) {
    case 'chat':
      return { ...base, type: 'chat', instruction: state.instruction };
    case 'tool':
      return {
        ...base,
        type: 'tool',
        tools: state.tools.map(toolIdDto),
        instruction: state.instruction,
      };
    case 'journey':
      return { ...base, type: 'journey', journey_id: state.journeyId };
    default:
      return { ...base, type: state.type };
  }
}

/** The graph of a journey in the wire format (`initial_state_id`, `states`, `transitions`). */
export function journeyGraphDto(journey: Journey) {
  return {
    initial_state_id: journey.initialStateId,
    states: journey.states.map(stateDto),
    transitions: journey.transitions.map((transition) => ({
      id: transition.id,
      from: transition.from,
      to: transition.to,
      condition: transition.condition,
    })),
  };
}
