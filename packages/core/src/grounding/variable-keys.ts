import type { Agent } from '../domain/agent.js';
import { agentTag } from '../domain/built-in-tags.js';
import type { Customer } from '../domain/customer.js';
import { GLOBAL_VARIABLE_KEY, tagVariableKey, type VariableValue } from '../domain/variable.js';

/**
 * The keys a variable's value is looked up under for a customer, most specific first: the
 * customer's id, then `tag:<id>` for each of the customer's tags (in the customer's order),
 * then the agent's own tag (`tag:agent:<id>`, a value for everyone this agent serves), then
 * `DEFAULT`.
 */
export function variableKeysFor(customer: Customer, agent?: Agent): string[] {
  return [
    customer.id,
    ...customer.tags.map(tagVariableKey),
    ...(agent === undefined ? [] : [tagVariableKey(agentTag(agent.id))]),
    GLOBAL_VARIABLE_KEY,
  ];
}

/** The value that applies: the one under the first of `keys` that has one. */
export function applicableValue(
  values: readonly VariableValue[],
  keys: readonly string[],
): VariableValue | undefined {
  const byKey = new Map(values.map((value) => [value.key, value]));
  for (const key of keys) {
    const value = byKey.get(key);
    if (value !== undefined) return value;
  }
  return undefined;
}
