import {
  type AgentAccess,
  AgentUnavailableError,
  type BehaviorModel,
  type ConductStore,
  createBehaviorModel,
  type Engine,
  type Session,
  type ToolRegistry,
  type ToolServiceDirectory,
} from '@conduct/core';
import type { Context } from 'hono';
import { type AuthPolicy, deny, type Operation } from './auth.js';
import type { ModerationOptions } from './moderation/moderation-options.js';

/** What the routes need from Conduct. A `Conduct` from `createConduct` fits. */
export interface ConductServices {
  store: ConductStore;
  engine: Engine;
  /** Registered tools; when given, tool references in requests are checked against it. */
  tools?: ToolRegistry;
  /**
   * The behavior-model service every write goes through. Default: one over `store` and
   * `tools` (a `Conduct` brings its own).
   */
  model?: BehaviorModel;
  /**
   * Agents out of service (the same function as the engine's `agentAccess`): new sessions with
   * them are refused (409), and a `disabled` agent's sessions are not served at all.
   */
  agentAccess?: (agentId: string) => AgentAccess | undefined;
  /**
   * Tool services registered at run time (`/services`: MCP servers, OpenAPI documents). Without
   * it those routes answer 501.
   */
  toolServices?: ToolServiceDirectory;
}

/** Refuses (409, `AgentUnavailableError`) to start anything new with an agent out of service. */
export function refuseUnavailableAgent(c: Context<AppEnv>, agentId: string): void {
  const access = services(c).agentAccess?.(agentId);
  if (access !== undefined) throw new AgentUnavailableError(agentId, access);
}

/** Hono environment of the app: the services and the policy, set once per request. */
export interface AppEnv {
  Variables: {
    services: ConductServices;
    auth: AuthPolicy;
    /** Longest `wait_for_data` a long-poll may ask for, in seconds. */
    maxWaitSeconds: number;
    /** Moderation of customer messages. */
    moderation: ModerationOptions;
    /**
     * Set by a policy when the request is limited to one customer (a customer token): new sessions
     * belong to that customer and only that customer's sessions may be used.
     */
    customerScope?: string;
    /** The client's address as the app resolved it (socket, trusted proxies); `null`: unknown. */
    clientIp: string | null;
  };
}

/** The services of the current request. */
export function services(c: Context<AppEnv>): ConductServices {
  return c.get('services');
}

const models = new WeakMap<ConductServices, BehaviorModel>();

/**
 * The behavior-model service of the current request's services: handlers parse the request,
 * hand it to the service (which applies every rule of the model in one transaction) and answer
 * with the DTO of what it returns.
 */
export function behaviorModel(c: Context<AppEnv>): BehaviorModel {
  const conduct = services(c);
  if (conduct.model !== undefined) return conduct.model;
  let model = models.get(conduct);
  if (model === undefined) {
    model = createBehaviorModel({
      store: conduct.store,
      ...(conduct.tools === undefined ? {} : { tools: conduct.tools }),
    });
    models.set(conduct, model);
  }
  return model;
}

/** Authorizes the current request for `operation` (throws 403/429 via the policy). */
export async function authorize(c: Context<AppEnv>, operation: Operation): Promise<void> {
  await c.get('auth').authorize(c, operation);
}

/**
 * Asks the policy whether `operation` may touch this loaded `session` (throws 404 or 403 if
 * not); the session of a `disabled` agent is not served (409).
 */
export async function authorizeSession(
  c: Context<AppEnv>,
  operation: Operation,
  session: Session,
): Promise<void> {
  await c.get('auth').authorizeSession?.(c, operation, session);
  const access = services(c).agentAccess?.(session.agentId);
  if (access?.mode === 'disabled') throw new AgentUnavailableError(session.agentId, access);
}

/** Loads a session (404 if unknown) and checks it with {@link authorizeSession}. */
export async function authorizedSession(
  c: Context<AppEnv>,
  operation: Operation,
  sessionId: string,
): Promise<Session> {
  const session = await services(c).store.sessions.get(sessionId);
  await authorizeSession(c, operation, session);
  return session;
}

/**
 * The customer a new session belongs to: the requested one, or the request's customer scope
 * when none was asked for. A request scoped to one customer asking for another is denied.
 */
export function sessionCustomer(
  c: Context<AppEnv>,
  operation: Operation,
  requested: string | null | undefined,
): { customerId?: string } {
  const scope = c.get('customerScope');
  if (scope !== undefined && requested && requested !== scope) deny(operation);
  const customerId = requested || scope;
  return customerId ? { customerId } : {};
}
