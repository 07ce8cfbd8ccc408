import type { z } from 'zod';
import { formatToolRef, type ToolRef } from '../domain/common.js';
import type { ToolDescriptor } from '../domain/tool.js';
import { ConfigurationError } from '../errors/errors.js';
import { nowIso } from '../util/time.js';
import {
  assertName,
  assertObjectSchema,
  assertTimeout,
  toArgumentsJsonSchema,
} from './definition-checks.js';
import type { ToolContext } from './tool-context.js';
import type { ToolReturn } from './tool-result.js';

/** Validated arguments of a tool call. */
export type ToolArgs = Record<string, unknown>;

/** Any zod object schema, whatever its unknown-key mode (strip, strict, loose). */
export type ToolParametersSchema = z.ZodObject<z.core.$ZodShape, z.core.$ZodObjectConfig>;

/** Service name of tools defined in code. */
export const LOCAL_TOOL_SERVICE = 'local';

/** What {@link defineTool} takes. */
export interface ToolDefinition<Parameters extends ToolParametersSchema> {
  /** Unique within its service; letters, digits, `_`, `-`, `.` (1-64 characters). */
  name: string;
  /** Groups tools; defaults to `local`. Same charset as `name`. */
  service?: string;
  /** What the tool does and when to use it; the model reads this to decide on calls. */
  description: string;
  /**
   * The arguments as a `z.object({...})`. Field `.describe()` texts reach the model and the
   * composer's questions about missing values.
   */
  parameters: Parameters;
  /** True when the tool changes something in the world (a refund, a booking). Default false. */
  consequential?: boolean;
  /** Per-call timeout; wins over the default given to {@link runToolCalls}. */
  timeoutMs?: number;
  /** Runs the tool. `args` are already validated; throwing fails this call only. */
  run(context: ToolContext, args: z.output<Parameters>): ToolReturn | Promise<ToolReturn>;
}

/** A runnable tool, created by {@link defineTool}. */
export interface Tool<Args extends ToolArgs = ToolArgs> {
  /** `"service:name"`. */
  readonly ref: ToolRef;
  readonly name: string;
  readonly service: string;
  readonly description: string;
  /** The zod schema proposed arguments are validated with before `run`. */
  readonly parameters: ToolParametersSchema;
  /** JSON Schema of the arguments (input side), as shown to models. */
  readonly parametersJsonSchema: Readonly<Record<string, unknown>>;
  readonly consequential: boolean;
  /** The tool's own timeout, if it set one. */
  readonly timeoutMs: number | undefined;
  /** Runs the tool with validated arguments; prefer {@link runToolCalls}, which adds timeouts. */
  run(context: ToolContext, args: Args): ToolReturn | Promise<ToolReturn>;
  /** The storable description of this tool; `createdAt` defaults to now. */
  descriptor(createdAt?: string): ToolDescriptor;
}

/** The validated-argument type of a tool: `ToolArgsOf<typeof lookupOrder>`. */
export type ToolArgsOf<T> = T extends Tool<infer Args> ? Args : never;

/**
 * Defines a tool. The argument type of `run` is inferred from `parameters`.
 *
 * @throws ConfigurationError when the name, service, parameters, timeout or `run` is unusable.
 *
 * @example
 * const lookupOrder = defineTool({
 *   name: 'lookup_order',
 *   description: 'Finds an order by its number',
 *   parameters: z.object({ order_id: z.string().describe('The order number') }),
 *   run: async (context, { order_id }) => ({ data: await orders.get(order_id, context.signal) }),
 * });
 */
export function defineTool<Parameters extends ToolParametersSchema>(
  definition: ToolDefinition<Parameters>,
): Tool<z.output<Parameters>> {
  const label = `Tool "${String(definition?.name)}"`;
  const name = assertName(definition?.name, 'name', label);
  const service = assertName(definition.service ?? LOCAL_TOOL_SERVICE, 'service', label);
  const ref = formatToolRef(service, name);
  const where = `Tool "${ref}"`;
  if (typeof definition.description !== 'string' || definition.description.trim() === '') {
    throw new ConfigurationError(`${where}: description must be a non-empty string`);
  }
  if (typeof definition.run !== 'function') {
    throw new ConfigurationError(`${where}: run must be a function`);
  }
  if (definition.consequential !== undefined && typeof definition.consequential !== 'boolean') {
    throw new ConfigurationError(`${where}: consequential must be a boolean`);
  }
  const parameters = assertObjectSchema(definition.parameters, where);
  const timeoutMs =
    definition.timeoutMs === undefined ? undefined : assertTimeout(definition.timeoutMs, where);
  const parametersJsonSchema = Object.freeze(toArgumentsJsonSchema(parameters, where));
  const { description, run } = definition;
  const consequential = definition.consequential ?? false;
  const tool: Tool<z.output<Parameters>> = {
    ref,
    name,
    service,
    description,
    parameters,
    parametersJsonSchema,
    consequential,
    timeoutMs,
    run: (context, args) => run.call(definition, context, args),
    descriptor: (createdAt = nowIso()) => ({
      ref,
      name,
      description,
      parameters: structuredClone(parametersJsonSchema) as Record<string, unknown>,
      consequential,
      createdAt,
    }),
  };
  return Object.freeze(tool);
}
