import type { Agent } from '../domain/agent.js';

/**
 * The business context of a task that works for the agent without speaking as it (the tool-call
 * task): whom it works for and what the business wrote about that agent, quoted as the
 * business's words, because a persona written for the composer ("You are Ava…") would
 * otherwise read as addressed to the task.
 */
export function agentContextLines(
  agent: Pick<Agent, 'name' | 'description'>,
  role: string,
): string[] {
  const description = agent.description?.trim();
  return [
    `${role} ${agent.name}, a customer-facing agent. You are not this agent and do not write to the customer.`,
    ...(description ? [`The business describes it: "${description}"`] : []),
  ];
}
