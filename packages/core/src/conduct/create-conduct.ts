import { type BehaviorModel, createBehaviorModel } from '../behavior/behavior-model.js';
import type { AgentInput } from '../domain/agent.js';
import { buildEngine, classificationKeeperFor, type Engine } from '../engine/engine.js';
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
import { runSync, type SyncOptions } from './conduct-sync.js';
import { type DefinitionContext, define } from './definition-context.js';
import { requireStepperForJourneys } from './journey-stepper-required.js';
import type { SyncPlan } from './sync-plan.js';

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
export type AgentDefinition = Omit<AgentInput, 'owner'>;

/** What an agent module (or any setup) does with a Conduct: define its agents. */
export type ConductSetup = (conduct: Conduct) => void | Promise<void>;

/** A configured Conduct instance: stores, engine and the code-first definition API. */
export interface Conduct {
  readonly store: ConductStore;
  readonly engine: Engine;
  readonly tools: ToolRegistry;
  /** Retrievers attached to agents, guidelines and journeys (see `agent.retrievers.add`). */
  readonly retrievers: RetrieverRegistry;
  /**
   * The behavior-model service: create, update and delete of every kind of entity, each with
   * the rules it implies (cascades…) in one transaction. The REST API writes through it too.
   */
  readonly model: BehaviorModel;
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
   * Without this, turns classify their agent's guidelines in the background after they reply.
   * Waits for that background classification first (a guideline is never classified twice at
   * once), so it is also how to wait for it. Model calls have the engine's default timeout.
   * Resolves with what was done (nothing without a `guidelineClassifier`); rejects only when
   * aborted (by `signal`, or by `close`).
   */
  prepare(options?: { signal?: AbortSignal }): Promise<GuidelineClassificationReport>;
  /**
   * Makes the stored behavior model of the agents `setup` defines what `setup` says they are
   * (docs/behavior-models.md). `setup` gets a Conduct whose definitions are recorded and owned
   * by their agent's code; once it resolved, what that code owned but no longer defines is
   * deleted (with its cascades). Entities created over the API are never removed by a sync.
   * All of it is one transaction: a `setup` that throws changes nothing. Returns the plan of
   * what was added, changed and removed per agent; with `dryRun`, nothing is written.
   *
   * Inside `setup`, `conduct.store` writes in the sync's transaction; do not use the engine.
   */
  sync(setup: ConductSetup, options?: SyncOptions): Promise<SyncPlan>;
  /**
   * Stops the engine (uncommitted turns are cancelled, the others finish with their after-reply
   * work) and closes the store.
   */
  close(): Promise<void>;
}

/**
 * Creates Conduct from code. Core stands alone: the model-backed matching strategies, journey
 * stepper and guideline classifier are passed in, usually all at once as `defaultMatchers()` of
 * the matchers package (which builds on core):
 *
 * ```ts
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
  const deps = { ...options, store, tools, retrievers };
  // One keeper for the engine's turns and `prepare`: a guideline is never classified twice at once.
  const classification = classificationKeeperFor(deps);
  const engine = buildEngine(deps, classification);
  const model = createBehaviorModel({ store, tools });
  const conduct: Conduct = {
    ...definitionApi({ store, model, tools, retrievers }, options),
    engine,
    async prepare({ signal } = {}) {
      if (classification === undefined) return { classified: [], cached: [], failed: [] };
      return classification.prepare(signal);
    },
    sync: (setup, syncOptions) =>
      runSync(
        { store, tools, retrievers },
        async (context) => {
          await setup({
            ...conduct,
            ...definitionApi(context, options),
            sync: refuseInSync,
            prepare: refuseInSync,
            close: refuseInSync,
          });
        },
        syncOptions,
      ),
    async close() {
      await engine.close();
      await store.close();
    },
  };
  return conduct;
}

async function refuseInSync(): Promise<never> {
  throw new ConfigurationError(
    'Inside conduct.sync, the Conduct cannot sync again, prepare or be closed: call them once the sync resolved',
  );
}

/** The parts of a Conduct that read and define through `context`. */
function definitionApi(
  context: DefinitionContext,
  options: Pick<ConductOptions, 'journeyStepper'>,
): Pick<Conduct, 'store' | 'tools' | 'retrievers' | 'model' | 'agents'> {
  const { store, model, tools, retrievers } = context;
  return {
    store,
    tools,
    retrievers,
    model,
    agents: {
      async create(definition) {
        const { id: given, ...fields } = definition;
        const id = given ?? contentId('agent', definition.name);
        context.sync?.defineAgent(id);
        const agent = await define(context, model.agents, {
          kind: 'agent',
          agentId: id,
          id,
          identity: given === undefined ? 'key' : 'id',
          fields,
        });
        return requireStepperForJourneys(agentHandle(context, agent), options);
      },
      async get(id) {
        return requireStepperForJourneys(agentHandle(context, await store.agents.get(id)), options);
      },
    },
  };
}
