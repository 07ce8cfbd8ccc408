import type { ToolService } from '@conduct/core';
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
