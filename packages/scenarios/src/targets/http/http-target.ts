import { ConductError } from '@conduct/core';
import type {
  AgentCatalog,
  ObservedSession,
  ObservedTurn,
  OpenSessionOptions,
  ScenarioTarget,
  SendOptions,
  TargetSession,
} from '../../target.js';
import { readAgentCatalog } from './agent-catalog.js';
import { awaitTurn, observe } from './await-turn.js';
import { RestClient, ServerResponseError } from './rest-client.js';
import { sessionVariables } from './session-variables.js';
import type { WireEvent, WireSession } from './wire-event.js';

/** Options of {@link createHttpTarget}. */
export interface HttpTargetOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:8800`. */
  url: string;
  /** An API key, sent as `Authorization: Bearer <key>` (servers in `api-key` or `public` mode). */
  apiKey?: string;
  /** More headers for every request. */
  headers?: Record<string, string>;
  /** Default: the global `fetch` (tests pass an app's `request`). */
  fetch?: typeof fetch;
  /** How long a turn may take before `send` fails (default 120 s; per send: `timeoutMs`). */
  turnTimeoutMs?: number;
  /** How long to wait for a turn's decision record after its final `ready` (default 5 s). */
  recordWaitMs?: number;
  /**
   * Creates a customer a scenario names that the server does not have yet (named after its
   * id), as the in-process target does. Default `true`; `false` fails the scenario instead.
   */
  createCustomers?: boolean;
}

/** An agent the server does not know. */
export class UnknownAgentError extends ConductError {
  static readonly code = 'unknown_agent';
  readonly agentId: string;

  constructor(agentId: string, url: string) {
    super(UnknownAgentError.code, `The server at ${url} has no agent '${agentId}'`);
    this.agentId = agentId;
  }
}

/**
 * A {@link ScenarioTarget} that drives a running Conduct server through its REST API only (the
 * same calls any client makes), so a scenario suite checks a deployment: it creates sessions,
 * posts customer messages, long-polls the trace until the turn's final `ready`, and reads the
 * decision record from `GET /sessions/{id}/traces/{trace_id}` (which needs `READ_TRACE`;
 * without it turns are observed without their record).
 */
export function createHttpTarget(options: HttpTargetOptions): ScenarioTarget {
  const client = new RestClient({
    url: options.url,
    headers: {
      ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
      ...options.headers,
    },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const settings = {
    turnTimeoutMs: options.turnTimeoutMs ?? 120_000,
    recordWaitMs: options.recordWaitMs ?? 5_000,
  };
  return {
    description: client.url,
    async openSession(open: OpenSessionOptions): Promise<TargetSession> {
      if (open.customerId !== undefined) {
        await ensureCustomer(client, open.customerId, options.createCustomers ?? true);
      }
      let session: WireSession;
      try {
        session = await client.request<WireSession>({
          method: 'POST',
          path: '/sessions',
          body: {
            agent_id: open.agentId,
            ...(open.customerId === undefined ? {} : { customer_id: open.customerId }),
            ...(open.title === undefined ? {} : { title: open.title }),
          },
        });
      } catch (error) {
        if (ServerResponseError.is(error) && error.status === 404) {
          throw new UnknownAgentError(open.agentId, client.url);
        }
        throw error;
      }
      return new HttpSession({ client, session, ...settings });
    },
    async describeAgent(agentId: string): Promise<AgentCatalog> {
      const catalog = await readAgentCatalog(client, agentId);
      if ('missing' in catalog) throw new UnknownAgentError(agentId, client.url);
      return catalog;
    },
    close: async () => {},
  };
}

/** The server knows the customer, or creates it (named after its id) when allowed. */
async function ensureCustomer(client: RestClient, id: string, create: boolean): Promise<void> {
  const found = await client.send({ method: 'GET', path: `/customers/${encodeURIComponent(id)}` });
  if (found.ok) {
    await found.body?.cancel();
    return;
  }
  if (found.status !== 404 || !create) {
    await client.read(found, { method: 'GET', path: `/customers/${id}` });
    return;
  }
  await found.body?.cancel();
  await client.request({ method: 'POST', path: '/customers', body: { id, name: id } });
}

class HttpSession implements TargetSession {
  readonly id: string;
  readonly #client: RestClient;
  readonly #turnTimeoutMs: number;
  readonly #recordWaitMs: number;

  constructor(input: {
    client: RestClient;
    session: WireSession;
    turnTimeoutMs: number;
    recordWaitMs: number;
  }) {
    this.id = input.session.id;
    this.#client = input.client;
    this.#turnTimeoutMs = input.turnTimeoutMs;
    this.#recordWaitMs = input.recordWaitMs;
  }

  async send(message: string, options: SendOptions = {}): Promise<ObservedTurn> {
    // A session in manual mode runs no turn: nothing would ever end it.
    const before = await this.#session();
    const posted = await this.#client.request<WireEvent>({
      method: 'POST',
      path: `/sessions/${this.id}/events`,
      body: { kind: 'message', source: 'customer', message },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (before.mode === 'manual') {
      return {
        ...observe({
          events: [posted],
          sessionId: this.id,
          traceId: posted.trace_id,
          record: undefined,
        }),
        status: 'silent',
      };
    }
    return awaitTurn({
      client: this.#client,
      sessionId: this.id,
      traceId: posted.trace_id,
      fromOffset: posted.offset,
      timeoutMs: options.timeoutMs ?? this.#turnTimeoutMs,
      signal: options.signal,
      recordWaitMs: this.#recordWaitMs,
    });
  }

  async sendAsHuman(message: string): Promise<void> {
    await this.#client.request({
      method: 'POST',
      path: `/sessions/${this.id}/events`,
      body: {
        kind: 'message',
        source: 'human_agent',
        message,
        participant: { display_name: 'Human agent' },
      },
    });
  }

  async inspect(): Promise<ObservedSession> {
    const session = await this.#session();
    return {
      mode: session.mode,
      agentId: session.agent_id,
      variables: await sessionVariables({
        client: this.#client,
        agentId: session.agent_id,
        customerId: session.customer_id,
      }),
    };
  }

  #session(): Promise<WireSession> {
    return this.#client.request<WireSession>({ method: 'GET', path: `/sessions/${this.id}` });
  }
}
