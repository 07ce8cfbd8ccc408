import { type ToolRef, toolDisplayName } from '../domain/common.js';
import type { ToolInsight } from '../domain/turn-record.js';
import type { Tool } from './define-tool.js';
import type { ToolCallOutcome } from './run-tool-calls.js';

/**
 * One `tool-error` insight per failed outcome, so the reply does not promise a result it does
 * not have (e.g. "I couldn't check your order right now").
 */
export function toolErrorInsights(outcomes: readonly ToolCallOutcome[]): ToolInsight[] {
  return outcomes
    .filter((outcome) => outcome.status === 'failed')
    .map((outcome) => ({
      tool: outcome.tool,
      kind: 'tool-error',
      parameter: null,
      message: `${toolDisplayName(outcome.tool)} failed: ${outcome.error ?? 'unknown error'}`,
    }));
}

/**
 * The `tool-error` insight for a reference no registered tool answers to (see
 * `ToolRegistry.resolve`): the guideline expected a tool that cannot run, so the reply must not
 * pretend it did.
 */
export function unknownToolInsight(ref: string): ToolInsight {
  return {
    tool: ref as ToolRef,
    kind: 'tool-error',
    parameter: null,
    message: `${toolDisplayName(ref)} is not a registered tool, so it could not run`,
  };
}

/** What {@link confirmationInsight} is told beyond the call. */
export interface ConfirmationInsightOptions {
  /** The same call already ran since the customer's latest message: the reply says so. */
  alreadyRan?: boolean;
}

/**
 * The `needs-confirmation` insight for a consequential call the customer has not confirmed:
 * it did not run, and the reply asks the customer to confirm it with every argument value stated
 * in plain words (each with its parameter's description, codes such as `changed_mind` spelled
 * out), so that their "yes" confirms all of them. Pass the tool (not only its reference) for the
 * descriptions.
 */
export function confirmationInsight(
  tool: string | Pick<Tool, 'ref' | 'parametersJsonSchema'>,
  args: Record<string, unknown>,
  options: ConfirmationInsightOptions = {},
): ToolInsight {
  const ref = typeof tool === 'string' ? tool : tool.ref;
  const described = typeof tool === 'string' ? {} : parameterDescriptions(tool);
  const values = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => {
      const about = described[name] ? ` (${described[name]})` : '';
      return `${name}${about}: ${plainValue(value)}`;
    });
  const ran = options.alreadyRan ? ' It already ran once with these values; say so.' : '';
  return {
    tool: ref as ToolRef,
    kind: 'needs-confirmation',
    parameter: null,
    message: `${toolDisplayName(ref)} has not run: it needs the customer's explicit confirmation first.${ran} Ask them to confirm it, stating every value in plain words (no codes), so their yes covers all of them: ${values.join('; ')}`,
  };
}

function parameterDescriptions(
  tool: Pick<Tool, 'parametersJsonSchema'>,
): Record<string, string | undefined> {
  const properties = tool.parametersJsonSchema.properties;
  if (typeof properties !== 'object' || properties === null) return {};
  return Object.fromEntries(
    Object.entries(properties as Record<string, { description?: unknown }>).map(
      ([name, schema]) => [
        name,
        typeof schema?.description === 'string' ? schema.description : undefined,
      ],
    ),
  );
}

/** `changed_mind` reads "changed mind"; other values as JSON. */
function plainValue(value: unknown): string {
  if (typeof value === 'string') {
    return /^[a-z0-9]+(?:_[a-z0-9]+)+$/.test(value) ? value.replaceAll('_', ' ') : value;
  }
  return JSON.stringify(value);
}
