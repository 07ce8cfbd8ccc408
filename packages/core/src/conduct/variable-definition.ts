import { ConfigurationError, ValidationError } from '../errors/errors.js';
import { parseCron } from '../grounding/cron.js';
import type { ToolRegistry } from '../tools/tool-registry.js';
import { validateToolCall } from '../tools/validate-call.js';
import type { VariableDefinition } from './agent-grounding.js';

/**
 * Checks a variable definition from code and registers its tool: the cron rule must parse, the
 * TTL be a positive whole number of seconds, and a tool given as an object must run without
 * arguments (the engine refreshes values without asking a model for any). Returns the
 * definition with the tool as a `"service:tool"` reference.
 *
 * @throws ConfigurationError naming the variable and what is wrong.
 */
export function checkVariableDefinition(
  definition: VariableDefinition,
  tools: ToolRegistry,
): Omit<VariableDefinition, 'tool'> & { tool: string | null } {
  const label = `Variable "${String(definition?.name)}"`;
  const { freshnessRules, ttlSeconds, tool } = definition;
  if (freshnessRules !== undefined && freshnessRules !== null) {
    try {
      parseCron(freshnessRules);
    } catch (error) {
      const why = ValidationError.is(error) ? error.message : String(error);
      throw new ConfigurationError(`${label}: ${why}`, { cause: error });
    }
  }
  if (
    ttlSeconds !== undefined &&
    ttlSeconds !== null &&
    !(Number.isInteger(ttlSeconds) && ttlSeconds > 0)
  ) {
    throw new ConfigurationError(
      `${label}: ttlSeconds must be a positive whole number of seconds (got ${String(ttlSeconds)})`,
    );
  }
  if (tool === undefined || tool === null || typeof tool === 'string') {
    return { ...definition, tool: tool ?? null };
  }
  const check = validateToolCall(tool, {});
  if (!check.ok) {
    throw new ConfigurationError(
      `${label}: tool "${tool.ref}" must run without arguments to refresh the value (it gets the customer from context.customerId), but ${check.insights.map((insight) => insight.message).join('; ')}`,
    );
  }
  tools.register(tool);
  return { ...definition, tool: tool.ref };
}
