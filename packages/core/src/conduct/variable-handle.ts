import type { Agent } from '../domain/agent.js';
import type { Customer } from '../domain/customer.js';
import {
  GLOBAL_VARIABLE_KEY,
  tagVariableKey,
  type Variable,
  type VariableValue,
} from '../domain/variable.js';
import { applicableValue, variableKeysFor } from '../grounding/variable-keys.js';
import type { ConductStore } from '../store/ports.js';

/** A context variable defined from code, with helpers to set and read its values. */
export interface VariableHandle {
  readonly id: string;
  readonly variable: Variable;
  /** Sets the value for everyone (`DEFAULT`). */
  setGlobal(data: unknown): Promise<VariableValue>;
  /** Sets the value for one customer (wins over tag and global values). */
  setForCustomer(customerId: string, data: unknown): Promise<VariableValue>;
  /** Sets the value for every customer with this tag (wins over the global value). */
  setForTag(tagId: string, data: unknown): Promise<VariableValue>;
  /**
   * The value that applies to a customer (customer > customer tag > agent > global), as a
   * turn would see it before any refresh; `undefined` when none is set.
   */
  valueFor(customer: Customer | string): Promise<VariableValue | undefined>;
}

/** Builds the handle of a stored variable. */
export function variableHandle(
  store: ConductStore,
  variable: Variable,
  agent: Agent,
): VariableHandle {
  const set = (key: string, data: unknown) => store.variables.setValue(variable.id, key, data);
  return {
    id: variable.id,
    variable,
    setGlobal: (data) => set(GLOBAL_VARIABLE_KEY, data),
    setForCustomer: (customerId, data) => set(customerId, data),
    setForTag: (tagId, data) => set(tagVariableKey(tagId), data),
    async valueFor(customer) {
      const known = typeof customer === 'string' ? await store.customers.get(customer) : customer;
      const values = await store.variables.listValues(variable.id);
      return applicableValue(values, variableKeysFor(known, agent));
    },
  };
}
