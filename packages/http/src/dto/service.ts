import type { ToolServiceSummary } from '@conduct/core';
import { formatToolRef } from '@conduct/core';
import { z } from 'zod';
import { named } from '../openapi/schema-registry.js';
import { type ToolDto, toolDto, toolDtoSchema } from './tool.js';

/** Wire shape of a tool service (docs/compatibility.md#relationships-and-capabilities). */
export const serviceDtoSchema = named(
  z.object({
    name: z.string(),
    kind: z.enum(['sdk', 'openapi', 'mcp']),
    url: z.string(),
    tools: z.array(toolDtoSchema).optional(),
  }),
  'Service',
);

/** Wire shape of a tool service. */
export interface ServiceDto {
  name: string;
  kind: string;
  url: string;
  tools?: ToolDto[];
}

/** A tool service in the wire format; `withTools` adds its tools (as `GET /services/{name}`). */
export function serviceDto(summary: ToolServiceSummary, withTools: boolean): ServiceDto {
  const dto: ServiceDto = { name: summary.name, kind: summary.kind, url: summary.url };
  if (withTools) {
    dto.tools = summary.tools.map((tool) =>
      toolDto(formatToolRef(summary.name, tool.name), tool, tool.createdAt),
    );
  }
  return dto;
}
