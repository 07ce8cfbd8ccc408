import { z } from 'zod';
import { formatToolRef } from '../domain/common.js';
import { ConfigurationError } from '../errors/errors.js';
import { errorMessage } from '../util/error-message.js';
import { nowIso } from '../util/time.js';
import type { Tool } from './define-tool.js';
import { MAX_TOOL_NAME_LENGTH } from './definition-checks.js';
import type { ToolService, ToolServiceTool } from './tool-service.js';

/**
 * The Conduct tool name for a service's tool name: characters a `"service:tool"` reference or a
 * model API would reject become `_`, and over-long names are cut, so any server's names work.
 */
export function serviceToolName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^[_.-]+/, '');
  return (cleaned === '' ? 'tool' : cleaned).slice(0, MAX_TOOL_NAME_LENGTH);
}

/**
 * The zod schema arguments are validated with: converted from the service's JSON Schema, so a
 * call the server would reject is caught (and reported to the model) before it is sent.
 *
 * @throws ConfigurationError when the schema is not an object schema zod can express.
 */
export function serviceParameters(
  inputSchema: Record<string, unknown>,
  label: string,
): z.ZodObject {
  const { $schema: _dialect, ...schema } = inputSchema;
  let parsed: z.ZodType;
  try {
    parsed = z.fromJSONSchema({ type: 'object', ...schema } as z.core.JSONSchema.JSONSchema);
  } catch (error) {
    const reason = errorMessage(error);
    throw new ConfigurationError(`${label}: its input schema is not usable (${reason})`, {
      cause: error,
    });
  }
  if (parsed._zod.def.type !== 'object') {
    throw new ConfigurationError(`${label}: its input schema must describe an object`);
  }
  return parsed as z.ZodObject;
}

/** Options of {@link serviceTool}. */
export interface ServiceToolOptions {
  service: ToolService;
  spec: ToolServiceTool;
  /** The Conduct name (defaults to {@link serviceToolName} of the service's name). */
  name?: string;
  /** Per-call timeout of the tool. */
  timeoutMs?: number;
}

/**
 * An ordinary {@link Tool} that runs by calling `service`. Its `parametersJsonSchema` is the
 * service's own schema (what the model is shown).
 *
 * @throws ConfigurationError when the tool's input schema is unusable.
 */
export function serviceTool(options: ServiceToolOptions): Tool {
  const { service, spec, timeoutMs } = options;
  const name = options.name ?? serviceToolName(spec.name);
  const ref = formatToolRef(service.name, name);
  const parameters = serviceParameters(spec.inputSchema, `Tool "${ref}"`);
  const parametersJsonSchema = Object.freeze(structuredClone(spec.inputSchema));
  const description = spec.description?.trim() || `${spec.name} (from ${service.name})`;
  const consequential = spec.consequential ?? false;
  return Object.freeze({
    ref,
    name,
    service: service.name,
    description,
    parameters,
    parametersJsonSchema,
    consequential,
    timeoutMs,
    run: (context, args) => service.callTool({ tool: spec.name, args, context }),
    descriptor: (createdAt = nowIso()) => ({
      ref,
      name,
      description,
      parameters: structuredClone(parametersJsonSchema) as Record<string, unknown>,
      consequential,
      createdAt,
    }),
  } satisfies Tool);
}
