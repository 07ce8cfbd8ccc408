import type { Agent } from '../domain/agent.js';
import { agentTag, journeyStateTag, journeyTag } from '../domain/built-in-tags.js';
import type { CompositionMode } from '../domain/common.js';
import type { Journey, JourneyInput, JourneyStateInput } from '../domain/journey.js';
import { ValidationError } from '../errors/errors.js';
import { journeyMermaid } from '../journeys/journey-mermaid.js';
import type { Tool } from '../tools/define-tool.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { contentId } from '../util/content-id.js';
import type { GuidelineDefinition } from './agent-handle.js';
import { type DefinitionContext, define } from './definition-context.js';
import type { GuidelineHandle } from './guideline-handle.js';
import { guidelineIdentity } from './guideline-identity.js';

/** A journey state as written in code: a tool state may list tool objects (registered for you). */
export type JourneyStateDefinition =
  | Exclude<JourneyStateInput, { type: 'tool' }>
  | (Omit<Extract<JourneyStateInput, { type: 'tool' }>, 'tools'> & { tools: (Tool | string)[] });

/** A transition as written in code; its id defaults to `<from>.<to>`. */
export interface JourneyTransitionDefinition {
  id?: string;
  from: string;
  to: string;
  /** When the move applies; omit for an unconditional one. */
  condition?: string | null;
}

/** A journey as written in code. See docs/journeys.md. */
export interface JourneyDefinition {
  /** Stable id; by default derived from the agent and the title. */
  id?: string;
  title: string;
  description?: string;
  /** Conditions that start the journey (strings, or `{ id, condition }` to fix the id). */
  triggers?: (string | { id?: string; condition: string })[];
  /** Default: the first state. */
  initialStateId?: string;
  states: JourneyStateDefinition[];
  transitions?: JourneyTransitionDefinition[];
  /** Extra tags (the agent's own tag is always added). */
  tags?: string[];
  labels?: string[];
  compositionMode?: CompositionMode | null;
  priority?: number;
}

/** A guideline scoped to a journey, or to one of its states with `stateId`. */
export interface JourneyGuidelineDefinition extends GuidelineDefinition {
  /** Only a candidate while the journey is at this state. */
  stateId?: string;
}

/**
 * A journey defined from code. It can be a relationship endpoint (`g.requires(journey)`,
 * `g.entails(journey)`), since it carries `journeyId`.
 */
export interface JourneyHandle {
  readonly id: string;
  readonly journeyId: string;
  readonly journey: Journey;
  guidelines: {
    /**
     * Defines a guideline that is a candidate only while this journey (or, with `stateId`, that
     * state of it) is active. Idempotent like `agent.guidelines.create`.
     *
     * @throws ValidationError when `stateId` is not a state of the journey.
     */
    create(definition: JourneyGuidelineDefinition): Promise<GuidelineHandle>;
  };
  /** The journey as a Mermaid `stateDiagram-v2` chart. */
  mermaid(): string;
}

/** The journeys of an agent handle. */
export interface AgentJourneys {
  /**
   * Defines a journey scoped to this agent, validated before anything is stored. Idempotent:
   * the same title (or the same `id`) updates the existing journey instead of adding another.
   *
   * @throws ValidationError naming the journey and each state or transition at fault.
   */
  create(definition: JourneyDefinition): Promise<JourneyHandle>;
  /** Journeys scoped to this agent. */
  list(): Promise<Journey[]>;
}

/** Builds the journeys part of an agent handle. */
export function agentJourneys(
  context: DefinitionContext,
  agent: Agent,
  createGuideline: (
    definition: GuidelineDefinition,
    identity: ReturnType<typeof guidelineIdentity>,
  ) => Promise<GuidelineHandle>,
): AgentJourneys {
  const scope = agentTag(agent.id);
  const handle = (journey: Journey): JourneyHandle => ({
    id: journey.id,
    journeyId: journey.id,
    journey,
    guidelines: {
      async create({ stateId, tags = [], ...definition }) {
        if (stateId !== undefined && !journey.states.some((state) => state.id === stateId)) {
          const message = `journey '${journey.title}' has no state '${stateId}'`;
          throw new ValidationError(`Cannot scope a guideline to a journey state: ${message}`, [
            { path: ['stateId'], type: 'unknown_state', message },
          ]);
        }
        const scoped = [journeyTag(journey.id)];
        if (stateId !== undefined) scoped.push(journeyStateTag(journey.id, stateId));
        const identity = guidelineIdentity(agent.id, definition, [journey.id, stateId ?? '']);
        return createGuideline({ ...definition, tags: [...scoped, ...tags] }, identity);
      },
    },
    mermaid: () => journeyMermaid(journey),
  });
  return {
    async create(definition) {
      const given = definition.id;
      const id = given ?? contentId('journey', agent.id, definition.title);
      const { id: _id, ...fields } = toJourneyInput(definition, id, scope, context.tools);
      const journey = await define(context, context.model.journeys, {
        kind: 'journey',
        agentId: agent.id,
        id,
        identity: given === undefined ? 'key' : 'id',
        fields,
      });
      return handle(journey);
    },
    list: () => context.store.journeys.list({ tags: [scope] }),
  };
}

function toJourneyInput(
  definition: JourneyDefinition,
  id: string,
  scope: string,
  tools: ToolRegistry,
): JourneyInput {
  const states = definition.states.map((state): JourneyStateInput => {
    if (state.type !== 'tool') return state;
    for (const tool of state.tools) if (typeof tool !== 'string') tools.register(tool);
    return {
      ...state,
      tools: state.tools.map((tool) => (typeof tool === 'string' ? tool : tool.ref)),
    };
  });
  const taken = new Set<string>();
  const transitions = (definition.transitions ?? []).map((transition) => {
    let transitionId = transition.id ?? `${transition.from}.${transition.to}`;
    for (let n = 2; transition.id === undefined && taken.has(transitionId); n++)
      transitionId = `${transition.from}.${transition.to}.${n}`;
    taken.add(transitionId);
    return { ...transition, id: transitionId, condition: transition.condition ?? null };
  });
  return {
    id,
    title: definition.title,
    description: definition.description ?? '',
    triggers: (definition.triggers ?? []).map((trigger) => {
      const condition = typeof trigger === 'string' ? trigger : trigger.condition;
      const given = typeof trigger === 'string' ? undefined : trigger.id;
      return { id: given ?? contentId('journey-trigger', id, condition), condition };
    }),
    initialStateId: definition.initialStateId ?? definition.states[0]?.id ?? '',
    states,
    transitions,
    tags: [...new Set([scope, ...(definition.tags ?? [])])],
    labels: definition.labels ?? [],
    compositionMode: definition.compositionMode ?? null,
    priority: definition.priority ?? 0,
  };
}
