import { type Conduct, type ConductStore, NO_TRACE_ID, NotFoundError } from '@conduct/core';
import {
  applicableValue,
  guidelineRuleText,
  isVisibleToAgent,
  variableKeysFor,
} from '@conduct/core/internal';
import type {
  AgentCatalog,
  ObservedSession,
  OpenSessionOptions,
  ScenarioTarget,
  TargetSession,
} from '../../target.js';
import { awaitWithin } from '../../util/await-within.js';
import { observeTurn } from './observe-turn.js';

/** Options of {@link createInProcessTarget}. */
export interface InProcessTargetOptions {
  /**
   * The Conduct to run scenarios on, its agents already defined (e.g. by the agent module's
   * `setup`). Its model is the one turns use: wrap it (a cassette, a router) when creating it.
   */
  conduct: Pick<Conduct, 'store' | 'engine'>;
  /**
   * Creates a customer a scenario names that is not in the store yet (named after its id).
   * Default `true`; `false` fails the scenario instead.
   */
  createCustomers?: boolean;
  /** Default time a turn may take before `send` fails (default 120 000 ms). */
  turnTimeoutMs?: number;
}

/**
 * A {@link ScenarioTarget} over an engine in this process, with any store: each session is
 * opened in the store, each message posted to the engine, and what the turn did is read back
 * from the store (its events and decision record) once the turn has ended. `close` leaves the
 * Conduct open: whoever created it closes it.
 */
export function createInProcessTarget(options: InProcessTargetOptions): ScenarioTarget {
  const { store, engine } = options.conduct;
  const turnTimeoutMs = options.turnTimeoutMs ?? 120_000;
  return {
    description: 'in-process',
    async openSession(open: OpenSessionOptions): Promise<TargetSession> {
      await store.agents.get(open.agentId);
      if (open.customerId !== undefined) {
        await ensureCustomer(store, open.customerId, options.createCustomers ?? true);
      }
      const session = await store.sessions.create({
        agentId: open.agentId,
        ...(open.customerId === undefined ? {} : { customerId: open.customerId }),
        ...(open.title === undefined ? {} : { title: open.title }),
      });
      const sessionId = session.id;
      return {
        id: sessionId,
        async send(message, sendOptions = {}) {
          const posted = await engine.postCustomerMessage(sessionId, { message });
          const outcome = await awaitWithin(posted.turn, {
            what: 'the turn',
            timeoutMs: sendOptions.timeoutMs ?? turnTimeoutMs,
            ...(sendOptions.signal === undefined ? {} : { signal: sendOptions.signal }),
          });
          return observeTurn(store, sessionId, outcome);
        },
        async sendAsHuman(message) {
          await store.events.append(sessionId, {
            kind: 'message',
            source: 'human_agent',
            traceId: NO_TRACE_ID,
            data: { message, participant: { id: null, display_name: 'Human agent' } },
          });
        },
        inspect: () => inspectSession(store, sessionId),
      };
    },
    describeAgent: (agentId) => describeAgent(store, agentId),
    async close() {},
  };
}

async function ensureCustomer(store: ConductStore, id: string, create: boolean): Promise<void> {
  const existing = await store.customers.find(id);
  if (existing !== undefined) return;
  if (!create) throw new NotFoundError('customer', id);
  await store.customers.create({ id, name: id });
}

async function inspectSession(store: ConductStore, sessionId: string): Promise<ObservedSession> {
  const session = await store.sessions.get(sessionId);
  const [agent, customer, variables] = await Promise.all([
    store.agents.get(session.agentId),
    store.customers.get(session.customerId),
    store.variables.list(),
  ]);
  const keys = variableKeysFor(customer, agent);
  const values: Record<string, unknown> = {};
  await Promise.all(
    variables
      .filter((variable) => isVisibleToAgent(variable, agent))
      .map(async (variable) => {
        const value = applicableValue(await store.variables.listValues(variable.id), keys);
        if (value !== undefined) values[variable.name] = value.data;
      }),
  );
  return { mode: session.mode, agentId: session.agentId, variables: values };
}

async function describeAgent(store: ConductStore, agentId: string): Promise<AgentCatalog> {
  const agent = await store.agents.get(agentId);
  const [guidelines, journeys, cannedResponses] = await Promise.all([
    store.guidelines.list(),
    store.journeys.list(),
    store.cannedResponses.list(),
  ]);
  const visible = guidelines.filter((guideline) => isVisibleToAgent(guideline, agent));
  const agentJourneys = journeys.filter((journey) => isVisibleToAgent(journey, agent));
  return {
    agentId,
    guidelines: visible.map((guideline) => ({
      id: guideline.id,
      title: guideline.title,
      text: guidelineRuleText(guideline),
    })),
    journeys: agentJourneys.map((journey) => ({
      id: journey.id,
      title: journey.title,
      states: journey.states.map((state) => ({
        id: state.id,
        text: state.type === 'chat' ? state.instruction : state.type,
      })),
    })),
    tools: [
      ...new Set([
        ...visible.flatMap((guideline) => guideline.tools),
        ...agentJourneys.flatMap((journey) =>
          journey.states.flatMap((state) => (state.type === 'tool' ? state.tools : [])),
        ),
      ]),
    ],
    cannedResponses: cannedResponses
      .filter((response) => isVisibleToAgent(response, agent))
      .map((response) => ({ id: response.id, value: response.value })),
  };
}
