import { formatToolRef, parseToolRef, type ToolDescriptor, type ToolRef } from '@conduct/core';
import { z } from 'zod';
import { named, timestampDto } from '../openapi/schema-registry.js';

/** Wire shape of a tool id: `{service_name, tool_name}`. */
export const toolIdDtoSchema = named(
  z.object({ service_name: z.string(), tool_name: z.string() }),
  'ToolId',
);

/** Wire shape of a tool id: `{service_name, tool_name}`. */
export type ToolIdDto = z.output<typeof toolIdDtoSchema>;

/** A `"service:tool"` reference as the wire's tool id object. */
export function toolIdDto(ref: ToolRef): ToolIdDto {
  const { serviceName, toolName } = parseToolRef(ref);
  return { service_name: serviceName, tool_name: toolName };
}

/** The wire's tool id object as a `"service:tool"` reference. */
export function toolRefOf(toolId: ToolIdDto): ToolRef {
  return formatToolRef(toolId.service_name, toolId.tool_name);
}

/** One parameter of the wire's ToolDTO. */
export interface ToolParameterDto {
  type: string;
  description?: string;
  enum?: (string | number)[];
}

/** Wire shape of a tool (docs/compatibility.md#relationships-and-capabilities). */
export const toolDtoSchema = named(
  z.object({
    creation_utc: timestampDto,
    name: z.string(),
    description: z.string(),
    parameters: z.record(
      z.string(),
      z.object({
        type: z.string(),
        description: z.string().optional(),
        enum: z.array(z.union([z.string(), z.number()])).optional(),
      }),
    ),
    required: z.array(z.string()),
  }),
  'Tool',
);

/** Wire shape of a tool (docs/compatibility.md#relationships-and-capabilities). */
export interface ToolDto {
  creation_utc: string;
  name: string;
  description: string;
  parameters: Record<string, ToolParameterDto>;
  required: string[];
}

type JsonSchema = Record<string, unknown>;

function parameterType(schema: JsonSchema): string {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((item) => item !== 'null') ?? 'string';
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  const typed = variants?.find(
    (variant) => typeof variant.type === 'string' && variant.type !== 'null',
  );
  return typed === undefined ? 'string' : parameterType(typed);
}

function parameterDto(schema: JsonSchema): ToolParameterDto {
  const dto: ToolParameterDto = { type: parameterType(schema) };
  if (typeof schema.description === 'string') dto.description = schema.description;
  if (Array.isArray(schema.enum)) {
    dto.enum = schema.enum.filter(
      (item): item is string | number => typeof item === 'string' || typeof item === 'number',
    );
  }
  return dto;
}

/**
 * A tool in the wire format. Without a descriptor (the tool is not registered with this
 * server) only what the reference itself says is known: its name.
 */
export function toolDto(
  ref: ToolRef,
  descriptor: ToolDescriptor | undefined,
  createdAt: string,
): ToolDto {
  if (descriptor === undefined) {
    return {
      creation_utc: createdAt,
      name: parseToolRef(ref).toolName,
      description: '',
      parameters: {},
      required: [],
    };
  }
  const properties = (descriptor.parameters.properties ?? {}) as Record<string, JsonSchema>;
  const required = descriptor.parameters.required;
  return {
    creation_utc: descriptor.createdAt,
    name: descriptor.name,
    description: descriptor.description,
    parameters: Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [name, parameterDto(schema)]),
    ),
    required: Array.isArray(required) ? required.filter((item) => typeof item === 'string') : [],
  };
}
