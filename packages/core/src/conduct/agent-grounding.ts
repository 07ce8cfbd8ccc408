import type { Agent } from '../domain/agent.js';
import { agentTag } from '../domain/built-in-tags.js';
import type { Capability } from '../domain/capability.js';
import type { Term } from '../domain/term.js';
import type { Variable } from '../domain/variable.js';
import { ConfigurationError } from '../errors/errors.js';
import type { Retriever } from '../grounding/retriever.js';
import type { Tool } from '../tools/define-tool.js';
import { contentId } from '../util/content-id.js';
import { type DefinitionContext, define } from './definition-context.js';
import type { GuidelineHandle } from './guideline-handle.js';
import { checkVariableDefinition } from './variable-definition.js';
import { type VariableHandle, variableHandle } from './variable-handle.js';

/** A glossary term as written in code. */
export interface TermDefinition {
  /** Stable id; by default derived from the agent and the name. */
  id?: string;
  name: string;
  description: string;
  synonyms?: string[];
  /** Extra tags (the agent's own tag is always added). */
  tags?: string[];
}

/** A context variable as written in code. */
export interface VariableDefinition {
  /** Stable id; by default derived from the agent and the name. */
  id?: string;
  name: string;
  description?: string | null;
  /**
   * Computes a fresh value when the stored one is missing or stale. It runs without arguments
   * (its parameters must all be optional) and reads the customer from `context.customerId`.
   * A tool object is registered for you.
   */
  tool?: Tool | string | null;
  /** Cron expression (UTC): the value goes stale once a scheduled time passed since it was set. */
  freshnessRules?: string | null;
  /** The value goes stale this many seconds after it was set. */
  ttlSeconds?: number | null;
  /** Extra tags (the agent's own tag is always added). */
  tags?: string[];
}

/** A capability as written in code. */
export interface CapabilityDefinition {
  /** Stable id; by default derived from the agent and the title. */
  id?: string;
  title: string;
  description?: string;
  /** Example customer phrasings that make it relevant. */
  signals?: string[];
  /** Extra tags (the agent's own tag is always added). */
  tags?: string[];
}

/** Where {@link AgentGroundingApi.retrievers} attaches a retriever; the agent by default. */
export interface RetrieverPlacement {
  /** Run only when this guideline matched. */
  guideline?: GuidelineHandle | string;
  /** Run only while the session is in this journey… */
  journey?: string;
  /** …and at this state of it. */
  state?: string;
}

/** The grounding part of an agent handle. Every `create` is idempotent (same id → update). */
export interface AgentGroundingApi {
  terms: {
    /** Defines a glossary term scoped to this agent. */
    create(definition: TermDefinition): Promise<Term>;
    list(): Promise<Term[]>;
  };
  variables: {
    /** Defines a context variable scoped to this agent. */
    create(definition: VariableDefinition): Promise<VariableHandle>;
    list(): Promise<Variable[]>;
  };
  capabilities: {
    /** Defines a capability of this agent. */
    create(definition: CapabilityDefinition): Promise<Capability>;
    list(): Promise<Capability[]>;
  };
  retrievers: {
    /**
     * Attaches a retriever: to the agent (runs every turn), or to a guideline or journey (state)
     * with `placement`. Attaching the same retriever to the same place again is a no-op.
     */
    add(retriever: Retriever, placement?: RetrieverPlacement): void;
  };
}

/** Builds the grounding API of an agent handle. */
export function agentGrounding(context: DefinitionContext, agent: Agent): AgentGroundingApi {
  const { store, model, tools, retrievers } = context;
  const scope = agentTag(agent.id);
  const tagsOf = (tags: readonly string[] = []) => [...new Set([scope, ...tags])];
  const identityOf = (id: string | undefined, ...key: string[]) =>
    id === undefined
      ? { id: contentId(...key), identity: 'key' as const }
      : { id, identity: 'id' as const };
  return {
    terms: {
      create: ({ id, tags, ...fields }) =>
        define(context, model.terms, {
          kind: 'term',
          agentId: agent.id,
          ...identityOf(id, 'term', agent.id, fields.name),
          fields: { ...fields, synonyms: fields.synonyms ?? [], tags: tagsOf(tags) },
        }),
      list: () => store.terms.list({ tags: [scope] }),
    },
    variables: {
      async create(definition) {
        const { id, tags, tool, ...fields } = checkVariableDefinition(definition, tools);
        const variable = await define(context, model.variables, {
          kind: 'variable',
          agentId: agent.id,
          ...identityOf(id, 'variable', agent.id, fields.name),
          fields: {
            ...fields,
            description: fields.description ?? null,
            tool,
            freshnessRules: fields.freshnessRules ?? null,
            ttlSeconds: fields.ttlSeconds ?? null,
            tags: tagsOf(tags),
          },
        });
        return variableHandle(store, variable, agent);
      },
      list: () => store.variables.list({ tags: [scope] }),
    },
    capabilities: {
      create: ({ id, tags, ...fields }) =>
        define(context, model.capabilities, {
          kind: 'capability',
          agentId: agent.id,
          ...identityOf(id, 'capability', agent.id, fields.title),
          fields: {
            ...fields,
            description: fields.description ?? '',
            signals: fields.signals ?? [],
            tags: tagsOf(tags),
          },
        }),
      list: () => store.capabilities.list({ tags: [scope] }),
    },
    retrievers: {
      add(retriever, placement = {}) {
        const { guideline, journey, state } = placement;
        if (guideline !== undefined && journey !== undefined) {
          throw new ConfigurationError(
            `Retriever "${retriever?.name}": attach it to a guideline or a journey, not both`,
          );
        }
        if (state !== undefined && journey === undefined) {
          throw new ConfigurationError(
            `Retriever "${retriever?.name}": a state needs its journey (placement.journey)`,
          );
        }
        if (guideline !== undefined) {
          const guidelineId = typeof guideline === 'string' ? guideline : guideline.id;
          retrievers.attach(retriever, { type: 'guideline', guidelineId });
        } else if (journey !== undefined) {
          retrievers.attach(retriever, {
            type: 'journey',
            journeyId: journey,
            ...(state === undefined ? {} : { stateId: state }),
          });
        } else {
          retrievers.attach(retriever, { type: 'agent', agentId: agent.id });
        }
      },
    },
  };
}
