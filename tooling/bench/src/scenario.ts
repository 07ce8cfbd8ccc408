import {
  type CandidateFilter,
  type ConductStore,
  createConduct,
  createMemoryStore,
  defineTool,
  generateTraceId,
  type LanguageModel,
  type Session,
} from '@conduct/core';
import {
  createSimulatedModel,
  type SimulatedLatency,
  type SimulatedModel,
} from '@conduct/core/testing';
import { createRelevanceFilter, defaultStrategies } from '@conduct/matchers';
import { z } from 'zod';
import { guidelineDefinitions, historyMessages } from './fixtures.js';
import { simulatedAnswers } from './simulated-answers.js';

/** One benchmark scenario. */
export interface Scenario {
  name: string;
  guidelines: number;
  historyTurns: number;
  /** Whether the measured message triggers one tool round. */
  tool: boolean;
  output: 'block' | 'stream';
  /** Use the relevance pre-filter (default true). */
  prefilter?: boolean;
}

/** A world for a scenario: store, agent with its guidelines, and a model. */
export interface ScenarioWorld {
  conduct: ReturnType<typeof createConduct>;
  model: SimulatedModel;
  store: ConductStore;
  agentId: string;
  /** A fresh session holding the scenario's history. */
  newSession(): Promise<Session>;
}

const orderStatus = defineTool({
  name: 'order_status',
  description: 'Look up the shipping status of an order',
  parameters: z.object({ orderId: z.string().describe('the order number') }),
  run: async (_context, { orderId }) => ({ data: { orderId, status: 'shipped', eta: 'Thursday' } }),
});

/** Builds the scenario's world on a store (memory by default). */
export async function buildWorld(
  scenario: Scenario,
  options: {
    timeScale: number;
    latency?: Partial<SimulatedLatency>;
    store?: ConductStore;
    filter?: CandidateFilter;
    /** Wraps the simulated model the engine is given (e.g. in a router). */
    wrap?: (model: LanguageModel) => LanguageModel;
    /** Called when a turn's reply has been committed (the `message` hook). */
    onReply?: () => void;
  },
): Promise<ScenarioWorld> {
  const store = options.store ?? createMemoryStore();
  const model = createSimulatedModel({
    answer: simulatedAnswers,
    timeScale: options.timeScale,
    ...(options.latency ? { latency: options.latency } : {}),
  });
  const conduct = createConduct({
    store,
    model: options.wrap ? options.wrap(model) : model,
    strategies: defaultStrategies(),
    tools: [orderStatus],
    ...(scenario.prefilter === false
      ? {}
      : { candidateFilter: options.filter ?? createRelevanceFilter() }),
    onError: (error) => console.error('[bench] turn error', error),
    ...(options.onReply && {
      hooks: {
        message: [
          () => {
            options.onReply?.();
            return 'continue' as const;
          },
        ],
      },
    }),
  });
  const agent = await conduct.agents.create({
    name: 'Volt',
    description: 'Customer support for Voltmart, an electronics store',
    outputMode: scenario.output,
  });
  const definitions = guidelineDefinitions(scenario.guidelines);
  if (scenario.tool) {
    definitions[0] = {
      condition: 'the customer asks about the shipping status of an order',
      action: 'look up the order status and tell them',
      tools: [orderStatus],
    };
  }
  for (const definition of definitions) await agent.guidelines.create(definition);
  const history = historyMessages(scenario.historyTurns);
  return {
    conduct,
    model,
    store,
    agentId: agent.id,
    async newSession() {
      const session = await agent.createSession();
      for (const exchange of history) {
        const traceId = generateTraceId();
        await store.events.append(session.id, {
          kind: 'message',
          source: 'customer',
          traceId,
          data: { message: exchange.customer, participant: { id: 'guest', display_name: 'Guest' } },
        });
        await store.events.append(session.id, {
          kind: 'message',
          source: 'ai_agent',
          traceId,
          data: { message: exchange.agent, participant: { id: agent.id, display_name: 'Volt' } },
        });
      }
      return session;
    },
  };
}
