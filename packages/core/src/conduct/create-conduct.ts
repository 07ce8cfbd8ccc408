import type { AgentInput } from '../domain/agent.js';
import { createEngine, type Engine } from '../engine/engine.js';
import type { EngineDependencies } from '../engine/engine-options.js';
import type { MatchingStrategy } from '../engine/matching-strategy.js';
import { ConfigurationError } from '../errors/errors.js';
import {
  createRetrieverRegistry,
  type RetrieverRegistry,
} from '../grounding/retriever-registry.js';
import type { LanguageModel } from '../model/language-model.js';
import { createMemoryStore } from '../store/memory/memory-store.js';
import type { ConductStore } from '../store/ports.js';
import type { Tool } from '../tools/define-tool.js';
import { createToolRegistry, type ToolRegistry } from '../tools/tool-registry.js';
import { contentId } from '../util/content-id.js';
import { type AgentHandle, agentHandle } from './agent-handle.js';
import { createOrUpdate } from './create-or-update.js';

/** Options of {@link createConduct}. */
export interface ConductOptions
  extends Omit<EngineDependencies, 'store' | 'tools' | 'model' | 'strategies'> {
  /** Where everything is stored. Default: a fresh in-memory store. */
  store?: ConductStore;
  /** The model, or a router (`createModelRouter`) that picks one per task. */
  model: LanguageModel;
  /**
   * How guidelines are matched, in order of preference; usually `defaultStrategies()` from
   * `@conduct/matchers`.
   */
  strategies: readonly MatchingStrategy[];
  /** Tools available to guidelines (tools named in guideline definitions are added too). */
  tools?: readonly Tool[];
}

/** An agent definition for code: like `AgentInput`, but idempotent by `id` (or by name). */
export type AgentDefinition = AgentInput;

/** A configured Conduct instance: stores, engine and the code-first definition API. */
export interface Conduct {
  readonly store: ConductStore;
  readonly engine: Engine;
  readonly tools: ToolRegistry;
  /** Retrievers attached to agents, guidelines and journeys (see `agent.retrievers.add`). */
  readonly retrievers: RetrieverRegistry;
  agents: {
    /**
     * Defines an agent. Idempotent: the same `id` — or, without one, the same name — updates
     * the existing agent instead of adding another, so a setup script can run at every start.
     */
    create(definition: AgentDefinition): Promise<AgentHandle>;
    /** The handle of an existing agent (`NotFoundError` if there is none). */
    get(id: string): Promise<AgentHandle>;
  };
  /** Stops the engine (uncommitted turns are cancelled) and closes the store. */
  close(): Promise<void>;
}

/**
 * Creates Conduct from code:
 *
 * ```ts
 * const conduct = createConduct({ model, strategies: defaultStrategies() });
 * const agent = await conduct.agents.create({ name: 'Ava' });
 * const refund = await agent.guidelines.create({
 *   condition: 'the customer asks for a refund',
 *   action: 'check the order status first',
 *   tools: [orderStatus],
 * });
 * ```
 */
export function createConduct(options: ConductOptions): Conduct {
  if (options.model === undefined) {
    throw new ConfigurationError(
      'createConduct needs a `model` (a LanguageModel or a model router)',
    );
  }
  if (!Array.isArray(options.strategies) || options.strategies.length === 0) {
    throw new ConfigurationError(
      'createConduct needs at least one matching strategy in `strategies` (e.g. defaultStrategies() from @conduct/matchers)',
    );
  }
  const store = options.store ?? createMemoryStore();
  const tools = createToolRegistry(options.tools ?? []);
  const retrievers = options.retrievers ?? createRetrieverRegistry();
  const engine = createEngine({ ...options, store, tools, retrievers });
  return {
    store,
    engine,
    tools,
    retrievers,
    agents: {
      async create(definition) {
        const id = definition.id ?? contentId('agent', definition.name);
        const { id: _ignored, ...fields } = definition;
        const agent = await createOrUpdate({ entities: store.agents, id, fields });
        return agentHandle(store, tools, agent, retrievers);
      },
      async get(id) {
        return agentHandle(store, tools, await store.agents.get(id), retrievers);
      },
    },
    async close() {
      await engine.close();
      await store.close();
    },
  };
}
