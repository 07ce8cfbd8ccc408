import type { Agent } from '@conduct/core';

/**
 * The business context every judging task (matching, journey steps, response analysis) gets:
 * which agent it evaluates and what the business wrote about it. Never "you are <agent>": the
 * judge is not the agent, and a persona written for the composer ("You are Ava…") would tell
 * it otherwise, so the description is quoted as the business's words.
 */
export function agentUnderEvaluation(agent: Pick<Agent, 'name' | 'description'>): string[] {
  const description = agent.description?.trim();
  return [
    `Agent under evaluation: ${agent.name} (you are not this agent).`,
    ...(description ? [`The business describes it: "${description}"`] : []),
  ];
}
