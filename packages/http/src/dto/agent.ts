import type { Agent } from '@conduct/core';

/** Wire shape of an agent (reference §1.1, plus `creation_utc` for older clients). */
export function agentDto(agent: Agent) {
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
