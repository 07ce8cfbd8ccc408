import { agentTag, type ConductStore, type UnevaluatedOptions } from '@conduct/core';
import type { ServerConfig } from './config.js';
import type { ModelSelection } from './providers.js';

/** A database URL with its password hidden. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    if (parsed.search !== '') parsed.search = '?***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Where the data lives, for the start log. */
export function describeStore(config: ServerConfig): string {
  if (config.databaseUrl !== undefined) return `PostgreSQL at ${redactUrl(config.databaseUrl)}`;
  return config.dataDir.startsWith('memory://')
    ? 'PGlite in memory (nothing is kept after the process ends)'
    : `PGlite in ${config.dataDir}`;
}

/** Which models answer, for the start log. Never includes keys. */
export function describeModels(selection: ModelSelection): string[] {
  if (selection.provider === 'none') {
    return [
      `model: none (${selection.reason}); the API works, but every turn ends with an error status until a provider is configured`,
    ];
  }
  const where = selection.endpoint === undefined ? '' : ` at ${redactUrl(selection.endpoint)}`;
  const lines = [`model: ${selection.provider}:${selection.modelId}${where} (${selection.reason})`];
  for (const [task, route] of Object.entries(selection.routes)) {
    lines.push(`  task ${task} → ${route}`);
  }
  return lines;
}

/** One line per agent with its guideline count, for the start log; `except` are left out. */
export async function describeAgents(
  store: ConductStore,
  except: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const agents = (await store.agents.list()).filter((agent) => !except.has(agent.id));
  return Promise.all(
    agents.map(async (agent) => {
      const guidelines = await store.guidelines.list({ tags: [agentTag(agent.id)] });
      return `agent ${agent.id} (${agent.name}): ${guidelines.length} guidelines`;
    }),
  );
}

/** What happens when a high-criticality guideline cannot be evaluated, for the start log. */
export function describeUnevaluated(options: UnevaluatedOptions): string {
  const what = {
    fail: 'the turn ends with an error status',
    fallback: 'the configured fallback reply is sent',
    continue: 'it counts as not matched',
  }[options.onHighCriticality ?? 'fail'];
  return `unevaluated high-criticality guideline (failed matching call): ${what}`;
}
