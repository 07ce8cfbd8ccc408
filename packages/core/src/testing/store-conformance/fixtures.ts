import { expect } from 'vitest';
import type { Agent, AgentInput } from '../../domain/agent.js';
import { type EventSource, type NewEvent, NO_TRACE_ID } from '../../domain/event.js';
import type { Session, SessionInput } from '../../domain/session.js';
import { newTurnRecord, type TurnRecord } from '../../domain/turn-record.js';
import { ConductError } from '../../errors/conduct-error.js';
import { generateId, generateTraceId } from '../../util/ids.js';
import type { CheckContext } from './check.js';

/** Generated ids: 10 characters from `[0-9a-zA-Z]`. */
export const GENERATED_ID = /^[0-9A-Za-z]{10}$/;

/** A fresh id, unique enough to share a database with other runs. */
export function uid(prefix = ''): string {
  return `${prefix}${generateId()}`;
}

/** Resolves after `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `[0, 1, …, count - 1]`. */
export function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

/** A promise plus when (by `performance.now()`) and whether it settled. */
export interface Observed<T> {
  readonly promise: Promise<T>;
  readonly settled: boolean;
  readonly settledAt: number | undefined;
}

/** Watches a promise settle without swallowing its result or rejection. */
export function observe<T>(promise: Promise<T>): Observed<T> {
  const observed = { promise, settled: false, settledAt: undefined as number | undefined };
  const mark = () => {
    observed.settled = true;
    observed.settledAt = performance.now();
  };
  promise.then(mark, mark);
  return observed;
}

/**
 * How soon a waiter must settle after the change that should wake it. Generous: the kit checks
 * that waits are woken by notification (not by polling or their timeout), it is no benchmark.
 */
export const WAKE_BUDGET_MS = 200;

/** Asserts that `waiter` settled within {@link WAKE_BUDGET_MS} of `since` (performance.now()). */
export function expectWokenSince(waiter: Observed<unknown>, since: number): void {
  expect((waiter.settledAt ?? Number.POSITIVE_INFINITY) - since).toBeLessThan(WAKE_BUDGET_MS);
}

/** Milliseconds `promise` takes to settle, and its outcome. */
export async function timed<T>(
  promise: Promise<T>,
): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await promise;
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

/** A Conduct error class such as `NotFoundError` (checked by code, across package copies). */
export interface ConductErrorClass<T extends ConductError> {
  readonly code: string;
  readonly name: string;
  readonly prototype: T;
}

/** Asserts that `error` is a Conduct error of `errorClass`, and returns it typed. */
export function expectConductError<T extends ConductError>(
  error: unknown,
  errorClass: ConductErrorClass<T>,
): T {
  const actual = ConductError.isInstance(error) ? `${error.name}: ${error.message}` : error;
  expect(
    ConductError.isInstance(error) && error.code === errorClass.code,
    `expected a ${errorClass.name}, got ${String(actual)}`,
  ).toBe(true);
  return error as T;
}

/** Asserts that `promise` rejects with a Conduct error of `errorClass`, and returns it. */
export async function expectRejection<T extends ConductError>(
  promise: Promise<unknown>,
  errorClass: ConductErrorClass<T>,
): Promise<T> {
  const outcome = await timed(promise);
  expect('error' in outcome, `expected a ${errorClass.name}, but the call resolved`).toBe(true);
  return expectConductError(outcome.error, errorClass);
}

/** The paths named by a `ValidationError`'s issues. */
export function issuePaths(error: { issues: { path: (string | number)[] }[] }): unknown[] {
  return error.issues.map((issue) => issue.path);
}

/** Creates an agent that is deleted when the check ends. */
export async function createAgent(
  context: CheckContext,
  overrides: Partial<AgentInput> = {},
): Promise<Agent> {
  const agent = await context.store.agents.create({ name: 'Conformance agent', ...overrides });
  const { id } = agent;
  context.defer(() => context.store.agents.delete(id));
  return agent;
}

/** Creates a session (and an agent, unless given) that is deleted when the check ends. */
export async function createSession(
  context: CheckContext,
  overrides: Partial<SessionInput> = {},
): Promise<Session> {
  const agentId = overrides.agentId ?? (await createAgent(context)).id;
  const session = await context.store.sessions.create({ ...overrides, agentId });
  const { id } = session;
  context.defer(() => context.store.sessions.delete(id));
  return session;
}

/** Optional envelope fields of a new event. */
export interface EventOptions {
  id?: string;
  source?: EventSource;
  traceId?: string;
  metadata?: Record<string, unknown>;
}

/** A new `message` event (from the customer unless told otherwise). */
export function messageEvent(
  message = 'Hello',
  options: EventOptions & { chunks?: (string | null)[] } = {},
): NewEvent {
  const { chunks, ...envelope } = options;
  return {
    source: 'customer',
    traceId: NO_TRACE_ID,
    ...envelope,
    kind: 'message',
    data: {
      message,
      participant: { id: null, display_name: 'Conformance customer' },
      ...(chunks === undefined ? {} : { chunks }),
    },
  };
}

/** A new `status` event from the agent. */
export function statusEvent(
  status: 'acknowledged' | 'typing' | 'cancelled' = 'acknowledged',
  options: EventOptions = {},
): NewEvent {
  return {
    source: 'ai_agent',
    traceId: NO_TRACE_ID,
    ...options,
    kind: 'status',
    data: { status, data: {} },
  };
}

/** A new `tool` event with one successful call. */
export function toolEvent(options: EventOptions = {}): NewEvent {
  const result = {
    data: { balance: 42 },
    metadata: {},
    control: {},
    canned_responses: [],
    canned_response_fields: {},
  };
  return {
    source: 'system',
    traceId: NO_TRACE_ID,
    ...options,
    kind: 'tool',
    data: { tool_calls: [{ tool_id: 'local:get_balance', arguments: { account: 'a1' }, result }] },
  };
}

/** A new `custom` event. */
export function customEvent(
  data: unknown = { note: 'custom' },
  options: EventOptions = {},
): NewEvent {
  return { source: 'ai_agent', traceId: NO_TRACE_ID, ...options, kind: 'custom', data };
}

/** A fresh trace id. */
export const traceId = generateTraceId;

/** A valid, minimal turn record of `session`. */
export function turnRecord(session: Session, overrides: Partial<TurnRecord> = {}): TurnRecord {
  return {
    ...newTurnRecord({
      id: generateId(),
      sessionId: session.id,
      agentId: session.agentId,
      traceId: generateTraceId(),
      startedAt: '2026-01-01T00:00:00.000Z',
    }),
    ...overrides,
  };
}

/**
 * Changes every top-level field of a returned value in place (arrays grow, objects gain a key,
 * scalars are replaced), to prove the store handed out a copy.
 */
export function scribble(value: object): void {
  const record = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(record)) {
    if (Array.isArray(field)) field.push('scribbled');
    else if (typeof field === 'object' && field !== null) {
      (field as Record<string, unknown>).scribbled = true;
    } else record[key] = 'scribbled';
  }
}
