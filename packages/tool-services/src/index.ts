/**
 * Tool services for Conduct: MCP servers (stdio and streamable HTTP, with the official SDK) and
 * OpenAPI documents, as `ToolService`s whose tools `createToolServices` of core registers.
 */
export {
  createMcpToolService,
  type McpHttpServer,
  type McpStdioServer,
  type McpToolServiceOptions,
} from './mcp/mcp-tool-service.js';
export {
  createOpenApiToolService,
  type OpenApiToolServiceOptions,
} from './openapi/openapi-tool-service.js';
export {
  type ServiceHostPolicyOptions,
  serviceHostPolicy,
} from './policy/service-host-policy.js';
export { publicUrl } from './public-url.js';
export {
  createToolService,
  type ToolServiceConfig,
  toolServiceForRegistration,
} from './tool-service-config.js';
