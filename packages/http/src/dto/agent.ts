import { type Agent, compositionModeSchema } from '@conduct/core';
import { z } from 'zod';
import { named, timestampDto } from '../openapi/schema-registry.js';

/** Wire shape of an agent (docs/compatibility.md#agents, plus `creation_utc` for older clients). */
export const agentDtoSchema = named(
  z.object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    max_engine_iterations: z.number().int(),
    composition_mode: compositionModeSchema,
    message_output_mode: z.enum(['block', 'stream']),
    tags: z.array(z.string()),
    creation_utc: timestampDto,
  }),
  'Agent',
);

/** Wire shape of an agent. */
export type AgentDto = z.output<typeof agentDtoSchema>;

/** An agent in the wire format. */
export function agentDto(agent: Agent): AgentDto {
  return {
    id: agent.id,
    name: agent.name,
    description: agent.description,
    max_engine_iterations: agent.maxEngineIterations,
    composition_mode: agent.compositionMode,
    message_output_mode: agent.outputMode,
    tags: agent.tags,
    creation_utc: agent.createdAt,
  };
}
