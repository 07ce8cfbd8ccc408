import type { Agent } from '../domain/agent.js';
import { agentTag } from '../domain/built-in-tags.js';
import type { CompositionMode, Criticality } from '../domain/common.js';
import { type Guideline, type GuidelineInput, guidelineContentHash } from '../domain/guideline.js';
import type { Session } from '../domain/session.js';
import type { Tool } from '../tools/define-tool.js';
import { type AgentCannedResponses, agentCannedResponses } from './agent-canned-responses.js';
import { type AgentGroundingApi, agentGrounding } from './agent-grounding.js';
import { type AgentJourneys, agentJourneys } from './agent-journeys.js';
import { type DefinitionContext, define } from './definition-context.js';
import { type GuidelineHandle, guidelineHandle } from './guideline-handle.js';
import { guidelineIdentity } from './guideline-identity.js';

/** A guideline as written in code. Tools may be given as tool objects (registered for you). */
export interface GuidelineDefinition {
  /**
   * Stable id. By default derived from the agent and the `title`, so rewording the condition or
   * action updates the guideline in place; without a title, from the condition and action (a
   * reworded guideline is then another guideline — give it an `id` or a `title`).
   */
  id?: string;
  condition: string;
  /** Omit for an observation. */
  action?: string | null;
  title?: string | null;
  description?: string | null;
  criticality?: Criticality;
  priority?: number;
  track?: boolean;
  enabled?: boolean;
  tools?: (Tool | string)[];
  /** Extra tags (the agent's own tag is always added). */
  tags?: string[];
  labels?: string[];
  metadata?: Record<string, unknown>;
  compositionMode?: CompositionMode | null;
  /**
   * Routing facts set by hand (they are otherwise derived by the `classify-guideline` task):
   * whether the action needs the customer's answer, whether it keeps applying, and whether the
   * condition is about what the agent itself is about to do.
   */
  classification?: { customerDependent: boolean; continuous: boolean; agentIntention?: boolean };
}

/** An agent defined from code (its glossary, variables, capabilities and retrievers too). */
export interface AgentHandle extends AgentGroundingApi {
  readonly id: string;
  readonly agent: Agent;
  guidelines: {
    /**
     * Defines a guideline scoped to this agent. Idempotent: the same `id` (or title, or — with
     * neither — the same condition and action) updates the existing guideline instead of adding
     * another.
     */
    create(definition: GuidelineDefinition): Promise<GuidelineHandle>;
    /** Guidelines scoped to this agent. */
    list(): Promise<Guideline[]>;
  };
  /** Journeys: flexible multi-step flows (docs/journeys.md). */
  journeys: AgentJourneys;
  /** Approved wording for the canned composition modes (docs/canned-responses.md). */
  cannedResponses: AgentCannedResponses;
  /** Starts a session with this agent (for the guest unless a customer id is given). */
  createSession(options?: { customerId?: string; title?: string }): Promise<Session>;
}

/** Builds the handle of a stored agent. */
export function agentHandle(context: DefinitionContext, agent: Agent): AgentHandle {
  const { store, tools } = context;
  const scope = agentTag(agent.id);
  const createGuideline = async (
    definition: GuidelineDefinition,
    identity = guidelineIdentity(agent.id, definition),
  ) => {
    const { id: _id, tools: toolList = [], tags = [], classification, ...rest } = definition;
    for (const tool of toolList) if (typeof tool !== 'string') tools.register(tool);
    const fields: Omit<GuidelineInput, 'id' | 'owner'> = {
      ...rest,
      ...(classification === undefined
        ? {}
        : {
            classification: {
              ...classification,
              agentIntention: classification.agentIntention ?? false,
              contentHash: guidelineContentHash({
                condition: definition.condition,
                action: definition.action ?? null,
              }),
              source: 'author' as const,
            },
          }),
      tools: toolList.map((tool) => (typeof tool === 'string' ? tool : tool.ref)),
      tags: [...new Set([scope, ...tags])],
    };
    const guideline = await define(context, context.model.guidelines, {
      kind: 'guideline',
      agentId: agent.id,
      ...identity,
      fields,
    });
    return guidelineHandle(context, guideline, agent.id);
  };
  return {
    ...agentGrounding(context, agent),
    id: agent.id,
    agent,
    cannedResponses: agentCannedResponses(context, agent.id),
    guidelines: {
      create: (definition) => createGuideline(definition),
      list: () => store.guidelines.list({ tags: [scope] }),
    },
    createSession: (options = {}) =>
      store.sessions.create({
        agentId: agent.id,
        ...(options.customerId === undefined ? {} : { customerId: options.customerId }),
        ...(options.title === undefined ? {} : { title: options.title }),
      }),
    journeys: agentJourneys(context, agent, createGuideline),
  };
}
