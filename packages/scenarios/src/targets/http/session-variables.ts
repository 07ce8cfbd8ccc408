import {
  agentTag,
  GLOBAL_VARIABLE_KEY,
  isJourneyScopeTag,
  tagVariableKey,
  type VariableValue,
} from '@conduct/core';
import { applicableValue } from '@conduct/core/internal';
import type { RestClient } from './rest-client.js';

interface WireVariable {
  id: string;
  name: string;
  tags: string[];
}

interface WireVariableWithValues {
  context_variable: WireVariable;
  key_value_pairs: Record<string, { id: string; last_modified: string; data: unknown }> | null;
}

/**
 * The context variables a session's customer sees, by name, read over REST the way a turn
 * reads them: variables visible to the agent (untagged, or tagged with the agent or one of its
 * tags), each with the value under the first key that has one — the customer, the customer's
 * tags, the agent's tag, `DEFAULT`.
 */
export async function sessionVariables(input: {
  client: RestClient;
  agentId: string;
  customerId: string;
}): Promise<Record<string, unknown>> {
  const { client, agentId, customerId } = input;
  const [agent, customer, variables] = await Promise.all([
    client.request<{ tags: string[] }>({ method: 'GET', path: `/agents/${agentId}` }),
    client.request<{ tags: string[] }>({ method: 'GET', path: `/customers/${customerId}` }),
    client.request<WireVariable[]>({ method: 'GET', path: '/context-variables' }),
  ]);
  const own = agentTag(agentId);
  const visible = variables.filter((variable) => {
    const scope = variable.tags.filter((tag) => !isJourneyScopeTag(tag));
    return scope.length === 0 || scope.some((tag) => tag === own || agent.tags.includes(tag));
  });
  const keys = [
    customerId,
    ...customer.tags.map(tagVariableKey),
    tagVariableKey(own),
    GLOBAL_VARIABLE_KEY,
  ];
  const withValues = await Promise.all(
    visible.map((variable) =>
      client.request<WireVariableWithValues>({
        method: 'GET',
        path: `/context-variables/${variable.id}`,
      }),
    ),
  );
  const result: Record<string, unknown> = {};
  for (const { context_variable: variable, key_value_pairs: pairs } of withValues) {
    const values: VariableValue[] = Object.entries(pairs ?? {}).map(([key, value]) => ({
      id: value.id,
      variableId: variable.id,
      key,
      data: value.data,
      updatedAt: value.last_modified,
    }));
    const value = applicableValue(values, keys);
    if (value !== undefined) result[variable.name] = value.data;
  }
  return result;
}
