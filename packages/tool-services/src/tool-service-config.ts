import type { ToolService, ToolServiceRegistration } from '@conduct/core';
import { createMcpToolService, type McpToolServiceOptions } from './mcp/mcp-tool-service.js';
import {
  createOpenApiToolService,
  type OpenApiToolServiceOptions,
} from './openapi/openapi-tool-service.js';

/** A tool service described as data (server configuration, a stored registration). */
export type ToolServiceConfig =
  | ({ kind: 'mcp' } & McpToolServiceOptions)
  | ({ kind: 'openapi' } & Omit<OpenApiToolServiceOptions, 'fetch'>);

/** The {@link ToolService} a configuration describes. */
export function createToolService(config: ToolServiceConfig): ToolService {
  if (config.kind === 'mcp') {
    const { kind: _kind, ...options } = config;
    return createMcpToolService(options);
  }
  const { kind: _kind, ...options } = config;
  return createOpenApiToolService(options);
}

/**
 * The {@link ToolService} of a registration made over the HTTP API (`PUT /services/{name}`):
 * an MCP server over streamable HTTP, or an OpenAPI document whose API is at `url`.
 */
export function toolServiceForRegistration(registration: ToolServiceRegistration): ToolService {
  if (registration.kind === 'mcp') {
    return createMcpToolService({ name: registration.name, url: registration.url });
  }
  return createOpenApiToolService({
    name: registration.name,
    source: registration.source,
    ...(registration.url === undefined ? {} : { baseUrl: registration.url }),
  });
}
