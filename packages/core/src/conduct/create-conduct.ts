import type { AgentInput } from '../domain/agent.js';
import { createEngine, type Engine } from '../engine/engine.js';
import type { EngineDependencies } from '../engine/engine-options.js';
import type { GuidelineClassificationReport } from '../engine/guideline-classifier.js';
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
import { requireStepperForJourneys } from './journey-stepper-required.js';

/** Options of {@link createConduct}. */
export interface ConductOptions
  extends Omit<EngineDependencies, 'store' | 'tools' | 'model' | 'strategies'> {
  /** Where everything is stored. Default: a fresh in-memory store. */
  store?: ConductStore;
  /** The model, or a router (`createModelRouter`) that picks one per task. */
  model: LanguageModel;
  /**
   * How guidelines are matched, in order of preference. Usually spread from `defaultMatchers()`
   * of `@conduct/matchers`, which also gives the relevance pre-filter, response analysis, the
   * journey stepper and guideline classification.
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
  /**
   * Classifies every stored guideline whose routing facts are missing or stale (new or reworded
   * since), before any turn needs them — e.g. once at start, after the agents are defined.
   * Without this, turns classify their agent's guidelines after they reply. Resolves with what
   * was done (nothing without a `guidelineClassifier`); rejects only when aborted.
   */
  prepare(options?: { signal?: AbortSignal }): Promise<GuidelineClassificationReport>;
  /**
   * Stops the engine (uncommitted turns are cancelled, the others finish with their after-reply
   * work) and closes the store.
   */
  close(): Promise<void>;
}

/**
 * Creates Conduct from code:
 *
 * ```ts
 * import { defaultMatchers } from '@conduct/matchers';
 *
 * const conduct = createConduct({ model, ...defaultMatchers() });
 * const agent = await conduct.agents.create({ name: 'Ava' });
 * const refund = await agent.guidelines.create({
 *   condition: 'the customer asks for a refund',
 *   action: 'check the order status first',
 *   tools: [orderStatus],
 * });
 * ```
 *
 * @throws ConfigurationError without a model or a matching strategy.
 */
export function createConduct(options: ConductOptions): Conduct {
  if (options.model === undefined) {
    throw new ConfigurationError(
      'createConduct needs a `model` (a LanguageModel or a model router)',
    );
  }
  if (!Array.isArray(options.strategies) || options.strategies.length === 0) {
    throw new ConfigurationError(
      'createConduct needs at least one matching strategy in `strategies`: createConduct({ model, ...defaultMatchers() }) with defaultMatchers from @conduct/matchers',
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
        return requireStepperForJourneys(agentHandle(store, tools, agent, retrievers), options);
      },
      async get(id) {
        const agent = await store.agents.get(id);
        return requireStepperForJourneys(agentHandle(store, tools, agent, retrievers), options);
      },
    },
    async prepare({ signal } = {}) {
      const classifier = options.guidelineClassifier;
      if (classifier === undefined) return { classified: [], cached: [], failed: [] };
      return classifier.classify({ store, model: options.model, ...(signal && { signal }) });
    },
    async close() {
      await engine.close();
      await store.close();
    },
  };
}
