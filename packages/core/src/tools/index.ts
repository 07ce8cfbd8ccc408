/**
 * Tools: define them with a zod schema for their arguments, look them up by
 * `"service:tool"`, and what they may return.
 */
export {
  defineTool,
  LOCAL_TOOL_SERVICE,
  type Tool,
  type ToolArgs,
  type ToolArgsOf,
  type ToolDefinition,
  type ToolParametersSchema,
} from './define-tool.js';
export type { ToolCallScope, ToolContext } from './tool-context.js';
export { createToolRegistry, type ResolvedTools, type ToolRegistry } from './tool-registry.js';
export type {
  ToolControl,
  ToolResult,
  ToolResultShorthand,
  ToolReturn,
  TransientGuideline,
} from './tool-result.js';
