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
export {
  type ServiceToolOptions,
  serviceParameters,
  serviceTool,
  serviceToolName,
} from './service-tool.js';
export type { ToolCallScope, ToolContext } from './tool-context.js';
export { createToolRegistry, type ResolvedTools, type ToolRegistry } from './tool-registry.js';
export type {
  ToolControl,
  ToolResult,
  ToolResultShorthand,
  ToolReturn,
  TransientGuideline,
} from './tool-result.js';
export type {
  ToolService,
  ToolServiceCall,
  ToolServiceSummary,
  ToolServiceTool,
} from './tool-service.js';
export {
  createToolServiceDirectory,
  memoryToolServiceRegistrations,
  type ToolServiceDirectory,
  type ToolServiceDirectoryOptions,
  ToolServiceNotStoredError,
  type ToolServiceRegistration,
  type ToolServiceRegistrations,
} from './tool-service-directory.js';
export {
  createToolServices,
  DEFAULT_CONNECT_TIMEOUT_MS,
  type ToolServices,
  type ToolServicesOptions,
} from './tool-services.js';
