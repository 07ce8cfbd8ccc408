import type { Agent } from '../domain/agent.js';
import { type Customer, GUEST_CUSTOMER_ID } from '../domain/customer.js';
import type { Variable, VariableValue } from '../domain/variable.js';
import { NotFoundError } from '../errors/errors.js';
import type { VariableStore } from '../store/ports.js';
import { runToolCalls } from '../tools/run-tool-calls.js';
import type { ToolCallScope } from '../tools/tool-context.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { validateToolCall } from '../tools/validate-call.js';
import { errorMessage } from '../util/error-message.js';
import { type Flights, joinFlight } from './shared-flight.js';
import { isVariableValueFresh } from './variable-freshness.js';
import { applicableValue, variableKeysFor } from './variable-keys.js';

/** A variable with the value that applies to the turn's customer. */
export interface LoadedVariable {
  variable: Variable;
  value: VariableValue | undefined;
}

/** A refresh of a stale (or missing) tool-backed value, for the decision record. */
export interface VariableRefresh {
  variableId: string;
  name: string;
  tool: string;
  /** The key the fresh value was stored under (the customer's id); `null` for a guest. */
  key: string | null;
  status: 'refreshed' | 'failed';
  durationMs: number;
  error: string | null;
}

/** What {@link loadVariables} needs. */
export interface LoadVariablesInput {
  store: VariableStore;
  tools: ToolRegistry;
  variables: readonly Variable[];
  agent: Agent;
  customer: Customer;
  /** Who refresh tools run for (their `context.customerId` is the customer to compute for). */
  scope: ToolCallScope;
  now: Date;
  signal: AbortSignal;
  /** Default tool timeout (a tool's own wins). */
  toolTimeoutMs?: number;
}

/**
 * Loads, in parallel, the value of every variable that applies to the customer (customer >
 * customer tag > agent > `DEFAULT`, see `variableKeysFor`). A tool-backed variable whose
 * applicable value is missing or stale (see `isVariableValueFresh`) is refreshed first: its tool runs
 * directly — no model decides anything — with no arguments (it reads `context.customerId`),
 * within its timeout, and the result's `data` is stored under the customer's id. Concurrent
 * turns of the same customer share one refresh of a variable (its tool runs once). A failed
 * refresh keeps the old value (if any) and is reported; it never fails the turn.
 *
 * Guest sessions all share the customer id `guest`, so a guest's fresh value is used for that
 * turn only and never stored: stored under `guest`, one visitor's data would reach every other.
 */
export async function loadVariables(
  input: LoadVariablesInput,
): Promise<{ variables: LoadedVariable[]; refreshes: VariableRefresh[] }> {
  const keys = variableKeysFor(input.customer, input.agent);
  const refreshes: VariableRefresh[] = [];
  const variables = await Promise.all(
    input.variables.map(async (variable) => {
      // A variable deleted since the behavior snapshot was taken simply has no value.
      const values = await input.store
        .listValues(variable.id)
        .catch((error: unknown) => (NotFoundError.is(error) ? [] : Promise.reject(error)));
      const value = applicableValue(values, keys);
      if (variable.tool === null || isVariableValueFresh(variable, value, input.now)) {
        return { variable, value };
      }
      const refresh = await joinFlight(
        flightsOf(input.store),
        `${variable.id}|${isGuest(input.customer) ? `session:${input.scope.sessionId}` : input.customer.id}`,
        input.signal,
        (signal) => refreshValue({ ...input, signal }, variable),
      );
      refreshes.push(refresh.record);
      return { variable, value: refresh.value ?? value };
    }),
  );
  return { variables, refreshes };
}

type Refresh = { value?: VariableValue; record: VariableRefresh };

// Per store: turns that share a store share its values, so they can share a refresh too.
const inFlight = new WeakMap<VariableStore, Flights<Refresh>>();

function flightsOf(store: VariableStore): Flights<Refresh> {
  let flights = inFlight.get(store);
  if (flights === undefined) {
    flights = new Map();
    inFlight.set(store, flights);
  }
  return flights;
}

async function refreshValue(input: LoadVariablesInput, variable: Variable): Promise<Refresh> {
  const ref = variable.tool as string;
  const key = isGuest(input.customer) ? null : input.customer.id;
  const started = performance.now();
  const record = (status: VariableRefresh['status'], error: string | null): VariableRefresh => ({
    variableId: variable.id,
    name: variable.name,
    tool: ref,
    key,
    status,
    durationMs: Math.max(0, Math.round(performance.now() - started)),
    error,
  });
  const tool = input.tools.get(ref);
  if (tool === undefined) return { record: record('failed', `no tool "${ref}" is registered`) };
  const validation = validateToolCall(tool, {});
  if (!validation.ok) {
    const why = validation.insights.map((insight) => insight.message).join('; ');
    return { record: record('failed', `the tool cannot run without arguments: ${why}`) };
  }
  const [outcome] = await runToolCalls([{ tool, args: validation.args }], {
    context: input.scope,
    signal: input.signal,
    ...(input.toolTimeoutMs === undefined ? {} : { timeoutMs: input.toolTimeoutMs }),
  });
  if (outcome === undefined || outcome.status === 'failed' || outcome.result === undefined) {
    return { record: record('failed', outcome?.error ?? 'the tool returned nothing') };
  }
  if (key === null) {
    const value: VariableValue = {
      id: `unsaved-${variable.id}`,
      variableId: variable.id,
      key: GUEST_CUSTOMER_ID,
      data: outcome.result.data,
      updatedAt: input.now.toISOString(),
    };
    return { value, record: record('refreshed', null) };
  }
  try {
    const value = await input.store.setValue(variable.id, key, outcome.result.data);
    return { value, record: record('refreshed', null) };
  } catch (error) {
    input.signal.throwIfAborted();
    const message = errorMessage(error);
    return { record: record('failed', `storing the fresh value failed: ${message}`) };
  }
}

function isGuest(customer: Customer): boolean {
  return customer.id === GUEST_CUSTOMER_ID;
}
