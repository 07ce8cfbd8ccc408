import type { Agent } from '../domain/agent.js';
import { agentTag, type CompositionMode, type Criticality } from '../domain/common.js';
import { type Guideline, type GuidelineInput, guidelineContentHash } from '../domain/guideline.js';
import type { Session } from '../domain/session.js';
import {
  createRetrieverRegistry,
  type RetrieverRegistry,
} from '../grounding/retriever-registry.js';
import type { ConductStore } from '../store/ports.js';
import type { Tool } from '../tools/define-tool.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { contentId } from '../util/content-id.js';
import { type AgentCannedResponses, agentCannedResponses } from './agent-canned-responses.js';
import { type AgentGroundingApi, agentGrounding } from './agent-grounding.js';
import { type AgentJourneys, agentJourneys } from './agent-journeys.js';
import { createOrUpdate } from './create-or-update.js';
import { type GuidelineHandle, guidelineHandle } from './guideline-handle.js';

/** A guideline as written in code. Tools may be given as tool objects (registered for you). */
export interface GuidelineDefinition {
  /** Stable id; by default derived from the agent, condition and action. */
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
     * Defines a guideline scoped to this agent. Idempotent: the same condition and action (or
     * the same `id`) updates the existing guideline instead of adding another.
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
export function agentHandle(
  store: ConductStore,
  tools: ToolRegistry,
  agent: Agent,
  retrievers: RetrieverRegistry = createRetrieverRegistry(),
): AgentHandle {
  const scope = agentTag(agent.id);
  const handle: AgentHandle = {
    ...agentGrounding(store, tools, retrievers, agent),
    id: agent.id,
    agent,
    cannedResponses: agentCannedResponses(store, agent.id),
    guidelines: {
      async create(definition) {
        const { tools: toolList = [], tags = [], classification, ...rest } = definition;
        for (const tool of toolList) if (typeof tool !== 'string') tools.register(tool);
        const id =
          definition.id ??
          contentId('guideline', agent.id, definition.condition, definition.action ?? '');
        const fields = {
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
        const { id: _ignored, ...patch } = fields as GuidelineInput;
        const guideline = await createOrUpdate({
          entities: store.guidelines,
          id,
          fields: patch,
        });
        return guidelineHandle(store, guideline, retrievers);
      },
      list: () => store.guidelines.list({ tags: [scope] }),
    },
    createSession: (options = {}) =>
      store.sessions.create({
        agentId: agent.id,
        ...(options.customerId === undefined ? {} : { customerId: options.customerId }),
        ...(options.title === undefined ? {} : { title: options.title }),
      }),
    journeys: agentJourneys(store, tools, agent, (definition) =>
      handle.guidelines.create(definition),
    ),
  };
  return handle;
}
