import { agentTag, formatToolRef, isJourneyScopeTag } from '@conduct/core';
import { guidelineRuleText } from '@conduct/core/internal';
import type { AgentCatalog } from '../../target.js';
import { type RestClient, ServerResponseError } from './rest-client.js';

interface WireToolId {
  service_name: string;
  tool_name: string;
}

interface WireGuideline {
  id: string;
  title: string | null;
  condition: string;
  action: string | null;
  tags: string[];
}

interface WireJourney {
  id: string;
  title: string;
  tags: string[];
  states?: { id: string; type: string; instruction?: string | null; tools?: WireToolId[] }[];
}

/** The agent is not on the server. */
export type AgentMissing = { missing: true };

/**
 * An agent's catalog read over REST: its guidelines, journeys (with their states) and canned
 * responses as the engine scopes them (untagged, or tagged with the agent or one of its tags),
 * and the tools they can call (guideline tool associations and journey tool states — the API
 * has no list of registered tools). `{ missing: true }` when the server has no such agent.
 */
export async function readAgentCatalog(
  client: RestClient,
  agentId: string,
): Promise<AgentCatalog | AgentMissing> {
  let agent: { tags: string[] };
  try {
    agent = await client.request({ method: 'GET', path: `/agents/${agentId}` });
  } catch (error) {
    if (ServerResponseError.is(error) && error.status === 404) return { missing: true };
    throw error;
  }
  const own = agentTag(agentId);
  const visible = (entity: { tags: string[] }) => {
    const scope = entity.tags.filter((tag) => !isJourneyScopeTag(tag));
    return scope.length === 0 || scope.some((tag) => tag === own || agent.tags.includes(tag));
  };
  const [guidelines, journeys, canned] = await Promise.all([
    client.request<WireGuideline[]>({ method: 'GET', path: '/guidelines' }),
    client.request<WireJourney[]>({ method: 'GET', path: '/journeys' }),
    client.request<{ id: string; value: string; tags: string[] }[]>({
      method: 'GET',
      path: '/canned_responses',
    }),
  ]);
  const ownGuidelines = guidelines.filter(visible);
  const ownJourneys = journeys.filter(visible);
  const associations = await Promise.all(
    ownGuidelines.map((guideline) =>
      client.request<{ tool_associations: { tool_id: WireToolId }[] }>({
        method: 'GET',
        path: `/guidelines/${guideline.id}`,
      }),
    ),
  );
  const tools = new Set<string>();
  for (const { tool_associations: attached } of associations) {
    for (const { tool_id: tool } of attached)
      tools.add(formatToolRef(tool.service_name, tool.tool_name));
  }
  for (const journey of ownJourneys) {
    for (const state of journey.states ?? []) {
      for (const tool of state.tools ?? [])
        tools.add(formatToolRef(tool.service_name, tool.tool_name));
    }
  }
  return {
    agentId,
    guidelines: ownGuidelines.map((guideline) => ({
      id: guideline.id,
      title: guideline.title,
      text: guidelineRuleText(guideline),
    })),
    journeys: ownJourneys.map((journey) => ({
      id: journey.id,
      title: journey.title,
      states: (journey.states ?? []).map((state) => ({
        id: state.id,
        // As the in-process target says it: a chat state's instruction, else the state's type.
        text: state.type === 'chat' ? (state.instruction ?? state.type) : state.type,
      })),
    })),
    tools: [...tools].sort(),
    cannedResponses: canned.filter(visible).map(({ id, value }) => ({ id, value })),
  };
}
