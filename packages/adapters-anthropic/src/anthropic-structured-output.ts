import type { Message, Tool, ToolUseBlock } from '@anthropic-ai/sdk/resources/messages';
import { toJsonSchema } from '@conduct/core';
import type { z } from 'zod';
import type { AnthropicTurn } from './anthropic-messages.js';

/** The forced tool a structured call asks the model to call, and how to read its input. */
export interface StructuredTool {
  definition: Tool;
  /** True when a non-object schema is wrapped as `{ value: … }` (tool inputs must be objects). */
  wrapped: boolean;
}

/** What a structured response yields: the raw JSON text to validate, and the tool call if any. */
export interface StructuredOutput {
  text: string;
  toolUse: ToolUseBlock | undefined;
}

const DEFAULT_TOOL_NAME = 'respond';
const TOOL_DESCRIPTION =
  'Give your answer by calling this tool. Its input is your complete answer and must match the input schema.';

/**
 * The tool that carries a structured answer: its `input_schema` is the zod schema's JSON
 * Schema. Throws `ConfigurationError` (from `toJsonSchema`) for schemas JSON cannot describe.
 */
export function structuredTool(schema: z.ZodType, schemaName?: string): StructuredTool {
  const jsonSchema = toJsonSchema(schema);
  const name = toolName(schemaName);
  if (jsonSchema.type === 'object') {
    return {
      wrapped: false,
      definition: {
        name,
        description: TOOL_DESCRIPTION,
        input_schema: jsonSchema as Tool.InputSchema,
      },
    };
  }
  // `$defs` must stay at the root for the schema's `#/$defs/…` references to resolve.
  const { $defs, ...value } = jsonSchema;
  return {
    wrapped: true,
    definition: {
      name,
      description: TOOL_DESCRIPTION,
      input_schema: {
        type: 'object',
        properties: { value },
        required: ['value'],
        ...($defs === undefined ? {} : { $defs }),
      },
    },
  };
}

/**
 * Reads a structured answer from a response: the input of the call to `tool` as JSON text
 * (unwrapped), or, when the model did not call it, its text blocks as they are.
 */
export function readStructuredOutput(message: Message, tool: StructuredTool): StructuredOutput {
  const toolUse = message.content.find(
    (block): block is ToolUseBlock =>
      block.type === 'tool_use' && block.name === tool.definition.name,
  );
  if (toolUse === undefined) {
    const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    return { text, toolUse };
  }
  const input = toolUse.input;
  const value = tool.wrapped && isRecord(input) && 'value' in input ? input.value : input;
  return { text: JSON.stringify(value) ?? '', toolUse };
}

/**
 * The repair exchange in Anthropic's native form: the model's own tool call, then a
 * `tool_result` with `is_error: true` that lists what was wrong, which Claude is trained to
 * correct.
 */
export function repairTurns(toolUse: ToolUseBlock, problems: string): AnthropicTurn[] {
  return [
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: toolUse.id, name: toolUse.name, input: toolUse.input }],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: toolUse.id, is_error: true, content: problems },
      ],
    },
  ];
}

// Anthropic tool names: 1-64 letters, digits, `_` or `-`.
function toolName(schemaName: string | undefined): string {
  const cleaned = (schemaName ?? '').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return /[a-zA-Z0-9]/.test(cleaned) ? cleaned : DEFAULT_TOOL_NAME;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
