/**
 * The tool runtime: define tools, look them up by `"service:tool"`, validate model-proposed
 * arguments into insights, run calls in parallel with timeouts, and map outcomes to the wire.
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
export { MAX_TIMEOUT_MS, MAX_TOOL_NAME_LENGTH } from './definition-checks.js';
export {
  DEFAULT_TOOL_TIMEOUT_MS,
  type RunToolCallsOptions,
  runToolCalls,
  type ToolCall,
  type ToolCallOutcome,
} from './run-tool-calls.js';
export {
  type ServiceToolOptions,
  serviceParameters,
  serviceTool,
  serviceToolName,
} from './service-tool.js';
export type { ToolCallScope, ToolContext } from './tool-context.js';
export {
  type ConfirmationInsightOptions,
  confirmationInsight,
  toolErrorInsights,
  unknownToolInsight,
} from './tool-insights.js';
export { createToolRegistry, type ResolvedTools, type ToolRegistry } from './tool-registry.js';
export {
  type NormalizedToolResult,
  normalizeToolResult,
  type ToolControl,
  type ToolResult,
  type ToolResultShorthand,
  type ToolReturn,
  type TransientGuideline,
  toolResultSchema,
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
  type ToolServiceRegistration,
  type ToolServiceRegistrations,
} from './tool-service-directory.js';
export {
  createToolServices,
  type ToolServices,
  type ToolServicesOptions,
} from './tool-services.js';
export { type ToolCallValidation, validateToolCall } from './validate-call.js';
export {
  type TurnToolCallEntry,
  toSkippedTurnToolCall,
  toToolCallData,
  toTurnToolCall,
} from './wire.js';
