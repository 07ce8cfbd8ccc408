import type { Agent } from '../domain/agent.js';
import { agentTag, isJourneyScopeTag } from '../domain/built-in-tags.js';

/**
 * Whether an agent sees an entity, by tags: untagged entities are global; otherwise the entity
 * must carry the agent's own tag (`agent:<id>`) or one of the agent's tags.
 *
 * Journey-scoped entities (tag `journey:<id>`) are additionally gated by journey activity,
 * which is the journeys module's decision, not this one.
 */
export function isVisibleToAgent(entity: { tags: readonly string[] }, agent: Agent): boolean {
  const scopeTags = entity.tags.filter((tag) => !isJourneyScopeTag(tag));
  if (scopeTags.length === 0) return true;
  const own = agentTag(agent.id);
  return scopeTags.some((tag) => tag === own || agent.tags.includes(tag));
}
