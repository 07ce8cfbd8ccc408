import {
  type AgentAccess,
  agentTag,
  type ConductStore,
  isOwnedBy,
  type ToolRegistry,
} from '@conduct/core';
import type { OrphanAgentsMode } from './config.js';

/** A stored agent that cannot be served as its code meant it, and why. */
export interface AgentOutOfService {
  agentId: string;
  name: string;
  /** E.g. "its agent module is not loaded", "it names tools no module registers: local:x". */
  reasons: string[];
}

/**
 * The stored agents the loaded modules cannot stand behind: those a module defined on an
 * earlier start (their code owns them) that no loaded module defined now, and those whose
 * guidelines, journeys or variables name tools no module registers — served as they are, their
 * turns would answer without the data those tools give.
 */
export async function findAgentsOutOfService(options: {
  store: ConductStore;
  tools: ToolRegistry;
  /** The agents the loaded modules defined at this start. */
  loaded: ReadonlySet<string>;
}): Promise<AgentOutOfService[]> {
  const { store, tools, loaded } = options;
  const found: AgentOutOfService[] = [];
  for (const agent of await store.agents.list()) {
    const reasons: string[] = [];
    if (isOwnedBy(agent, agent.id) && !loaded.has(agent.id)) {
      reasons.push('its agent module is not loaded (a module defined it on an earlier start)');
    }
    const missing = (await toolsOf(store, agent.id)).filter((ref) => !tools.has(ref));
    if (missing.length > 0) {
      reasons.push(`it names tools no module registers: ${missing.join(', ')}`);
    }
    if (reasons.length > 0) found.push({ agentId: agent.id, name: agent.name, reasons });
  }
  return found;
}

/** Every tool an agent's guidelines, journeys (tool states) and variables name. */
async function toolsOf(store: ConductStore, agentId: string): Promise<string[]> {
  const scope = { tags: [agentTag(agentId)] };
  const [guidelines, journeys, variables] = await Promise.all([
    store.guidelines.list(scope),
    store.journeys.list(scope),
    store.variables.list(scope),
  ]);
  const refs = [
    ...guidelines.flatMap((guideline) => guideline.tools),
    ...journeys.flatMap((journey) =>
      journey.states.flatMap((state) => (state.type === 'tool' ? state.tools : [])),
    ),
    ...variables.flatMap((variable) => (variable.tool === null ? [] : [variable.tool])),
  ];
  return [...new Set(refs)].sort();
}

/** How an agent out of service is handled in `mode`; `undefined` when it is served. */
export function accessFor(
  agent: AgentOutOfService,
  mode: OrphanAgentsMode,
): AgentAccess | undefined {
  if (mode === 'serve') return undefined;
  return { mode: mode === 'disable' ? 'disabled' : 'read-only', reason: agent.reasons.join('; ') };
}

/** The start log's warning about an agent out of service. */
export function describeOutOfService(agent: AgentOutOfService, mode: OrphanAgentsMode): string {
  const handling = {
    'read-only':
      'read-only: its sessions stay readable, new sessions and customer messages are refused',
    disable: 'disabled: its sessions are not served',
    serve: 'served anyway',
  }[mode];
  return `agent ${agent.agentId} (${agent.name}) is out of service: ${agent.reasons.join('; ')}. It is ${handling} (CONDUCT_ORPHAN_AGENTS=${mode}). Load its module with CONDUCT_AGENTS, or delete the agent (DELETE /agents/${agent.agentId})`;
}
