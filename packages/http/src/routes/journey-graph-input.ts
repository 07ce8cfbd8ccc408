import {
  compositionModeSchema,
  idSchema,
  type JourneyInput,
  type JourneyState,
  type JourneyStateInput,
  journeyNodeIdSchema,
} from '@conduct/core';
import { contentId } from '@conduct/core/internal';
import { z } from 'zod';
import { conductExtension } from '../dto/journey-graph.js';
import { toolRefOf } from '../dto/tool.js';
import { withoutHttpMark } from './journey-graph.js';
import { toolIdSchema } from './wire-schemas.js';

const stateBase = {
  id: journeyNodeIdSchema,
  description: z.string().nullish(),
  composition_mode: compositionModeSchema.nullish(),
};

/** One state in a request body. Fields that do not belong to the state's type are ignored. */
export const journeyStateInputSchema = z.discriminatedUnion('type', [
  z.object({ ...stateBase, type: z.literal('chat'), instruction: z.string().trim().min(1) }),
  z.object({
    ...stateBase,
    type: z.literal('tool'),
    tools: z
      .array(toolIdSchema)
      .min(1)
      .describe('Tool ids, as guideline tool associations name them'),
    instruction: z.string().nullish(),
  }),
  z.object({ ...stateBase, type: z.literal('fork') }),
  z.object({
    ...stateBase,
    type: z.literal('journey'),
    journey_id: idSchema.describe('The journey this state runs as a sub-flow'),
  }),
  z.object({ ...stateBase, type: z.literal('end') }),
]);

/** One transition in a request body; a missing id is derived from `from`, `to` and `condition`. */
export const journeyTransitionInputSchema = z.object({
  id: journeyNodeIdSchema.nullish(),
  from: journeyNodeIdSchema,
  to: journeyNodeIdSchema,
  condition: z.string().trim().min(1).nullish(),
});

/** The optional graph fields of `POST /journeys` and `PATCH /journeys/{id}` (an extension). */
export const journeyGraphInputFields = {
  states: conductExtension(
    z.array(journeyStateInputSchema).min(1).nullish(),
    'The whole graph: when given, it replaces the one-chat-step graph (or, on PATCH, the current graph).',
  ),
  transitions: conductExtension(
    z.array(journeyTransitionInputSchema).nullish(),
    'Moves between states (only with `states`); ids default to `<from>.<to>`, plus a hash of the condition when a pair repeats.',
  ),
  initial_state_id: conductExtension(
    journeyNodeIdSchema.nullish(),
    'The state the journey starts in (only with `states`); default: the first state.',
  ),
};

type GraphInput = {
  states?: z.output<typeof journeyStateInputSchema>[] | null | undefined;
  transitions?: z.output<typeof journeyTransitionInputSchema>[] | null | undefined;
  initial_state_id?: string | null | undefined;
};

/** Rejects `transitions` or `initial_state_id` given without `states` (the graph is one whole). */
export function requireStatesWithGraph(body: GraphInput, context: z.RefinementCtx): void {
  if (body.states != null) return;
  for (const field of ['transitions', 'initial_state_id'] as const) {
    if (body[field] != null) {
      context.addIssue({
        code: 'custom',
        path: [field],
        message: `\`${field}\` is only accepted together with \`states\` (the graph is replaced as a whole)`,
      });
    }
  }
}

type Graph = Pick<JourneyInput, 'initialStateId' | 'states' | 'transitions'>;

/**
 * The graph of a request body in the domain's terms. States keep the metadata of the state
 * with the same id in `previous` (set from code), so an edit over HTTP loses nothing.
 */
export function graphFromWire(
  body: GraphInput & { states: NonNullable<GraphInput['states']> },
  previous: readonly JourneyState[] = [],
): Graph {
  const kept = new Map(previous.map((state) => [state.id, withoutHttpMark(state.metadata)]));
  const states = body.states.map((state): JourneyStateInput => {
    const base = {
      id: state.id,
      description: state.description ?? null,
      compositionMode: state.composition_mode ?? null,
      metadata: kept.get(state.id) ?? {},
    };
    switch (state.type) {
      case 'chat':
        return { ...base, type: 'chat', instruction: state.instruction };
      case 'tool':
        return {
          ...base,
          type: 'tool',
          tools: state.tools.map(toolRefOf),
          instruction: state.instruction ?? null,
        };
      case 'journey':
        return { ...base, type: 'journey', journeyId: state.journey_id };
      default:
        return { ...base, type: state.type };
    }
  });
  return {
    initialStateId: body.initial_state_id ?? body.states[0]?.id ?? '',
    states,
    transitions: withTransitionIds(body.transitions ?? []),
  };
}

/**
 * Gives every transition an id: `<from>.<to>`, or `<from>.<to>.<hash of the condition>` when
 * that id repeats or is taken, or `t.<hash of from, to and condition>` when even that repeats
 * (state ids may contain dots, so `a`→`b.c` and `a.b`→`c` share `a.b.c`). The ids depend only
 * on the body, so sending the same graph again keeps them.
 */
function withTransitionIds(transitions: NonNullable<GraphInput['transitions']>) {
  const explicit = new Set(transitions.flatMap((t) => (t.id == null ? [] : [t.id])));
  const counts = new Map<string, number>();
  const count = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const t of transitions) if (t.id == null) count(`${t.from}.${t.to}`);
  const longId = (t: (typeof transitions)[number]) =>
    `t.${contentId('journey-transition', t.from, t.to, t.condition ?? '')}`;
  const first = transitions.map((t) => {
    let id = t.id ?? `${t.from}.${t.to}`;
    if (t.id == null && ((counts.get(id) ?? 0) > 1 || explicit.has(id))) {
      id = `${id}.${contentId('journey-transition', t.condition ?? '').slice(0, 8)}`;
    }
    return journeyNodeIdSchema.safeParse(id).success ? id : longId(t);
  });
  counts.clear();
  transitions.forEach((t, index) => {
    if (t.id == null) count(first[index] as string);
  });
  return transitions.map((t, index) => {
    const id = first[index] as string;
    const repeated = t.id == null && ((counts.get(id) ?? 0) > 1 || explicit.has(id));
    return {
      id: repeated ? longId(t) : id,
      from: t.from,
      to: t.to,
      condition: t.condition ?? null,
    };
  });
}
