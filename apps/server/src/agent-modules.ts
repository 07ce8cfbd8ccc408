import { access } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { type Conduct, ConfigurationError, type LanguageModel } from '@conduct/core';
import { type ClassificationSummary, classifyGuidelines } from '@conduct/matchers';
import { type Logger, messageOf } from './logger.js';

/**
 * The setup function an agent module exports as its default. It defines agents, guidelines,
 * tools and relationships through the code-first API, which is idempotent, so it runs at
 * every start:
 *
 * ```ts
 * import type { Conduct } from '@conduct/core';
 *
 * export default async function setup(conduct: Conduct) {
 *   const agent = await conduct.agents.create({ id: 'support', name: 'Ava' });
 *   await agent.guidelines.create({ condition: '…', action: '…' });
 * }
 * ```
 */
export type AgentSetup = (conduct: Conduct) => void | Promise<void>;

/** What an agent module (a `.ts` or `.js` file listed in `CONDUCT_AGENTS`) exports. */
export interface AgentModule {
  default: AgentSetup;
}

/**
 * The lock agent setups run under. It is taken through the store's session locks (an advisory
 * lock on PostgreSQL, so across instances), under a key no generated session id can take.
 */
export const AGENT_SETUP_LOCK = 'conduct:agent-setup';

/** After this long waiting for the setup lock, say why the start is paused. */
const WAIT_NOTICE_MS = 2000;

/**
 * Imports each module, then runs their setups against `conduct`, in order, while holding
 * {@link AGENT_SETUP_LOCK}: instances starting together on one database define the agents one
 * after the other instead of racing. A module that is missing, has no default setup function or
 * whose setup throws stops the start with a `ConfigurationError` naming the module.
 */
export async function loadAgentModules(
  conduct: Conduct,
  paths: readonly string[],
  log: Logger,
): Promise<void> {
  const modules: { path: string; setup: AgentSetup }[] = [];
  for (const path of paths) modules.push({ path, setup: await importSetup(path) });
  if (modules.length === 0) return;
  const notice = setTimeout(
    () => log.info('waiting for another instance to finish setting up its agent modules'),
    WAIT_NOTICE_MS,
  );
  try {
    // Losing the lock midway (its connection broke) is harmless: the code-first API's writes
    // are idempotent and survive racing another instance.
    await conduct.store.sessionLocks.withSessionLock(AGENT_SETUP_LOCK, async () => {
      clearTimeout(notice);
      for (const { path, setup } of modules) {
        try {
          await setup(conduct);
        } catch (error) {
          throw new ConfigurationError(
            `Agent module ${path} failed in setup: ${messageOf(error)}`,
            { cause: error },
          );
        }
        log.info(`loaded agent module ${path}`);
      }
    });
  } finally {
    clearTimeout(notice);
  }
}

async function importSetup(path: string): Promise<AgentSetup> {
  try {
    await access(path);
  } catch {
    throw new ConfigurationError(`Agent module not found: ${path} (check CONDUCT_AGENTS)`);
  }
  let loaded: Partial<AgentModule>;
  try {
    loaded = (await import(pathToFileURL(path).href)) as Partial<AgentModule>;
  } catch (error) {
    // Modules outside the workspace cannot see its packages; say where they can.
    const hint =
      (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND'
        ? ' (agent modules import @conduct/* and zod: keep them under apps/server/agents/, or in a project that depends on those packages)'
        : '';
    throw new ConfigurationError(
      `Agent module ${path} could not be loaded: ${messageOf(error)}${hint}`,
      { cause: error },
    );
  }
  if (typeof loaded.default !== 'function') {
    throw new ConfigurationError(
      `Agent module ${path} has no default export to run: export default async function setup(conduct) { … }`,
    );
  }
  return loaded.default;
}

/**
 * Derives the routing facts of every guideline (`classifyGuidelines`, cached by content, so
 * only new or changed guidelines cost a model call). Never rejects: failures are logged, and
 * unclassified guidelines still work (they are routed without those facts).
 */
export async function classifyAllGuidelines(
  conduct: Conduct,
  model: LanguageModel,
  log: Logger,
  signal?: AbortSignal,
): Promise<ClassificationSummary | undefined> {
  try {
    const summary = await classifyGuidelines({
      store: conduct.store,
      model,
      ...(signal === undefined ? {} : { signal }),
    });
    const failed = summary.failed.length;
    log.info(
      `guideline classification: ${summary.classified.length} classified, ${summary.cached.length} cached${failed > 0 ? `, ${failed} failed (${summary.failed[0]?.error})` : ''}`,
    );
    return summary;
  } catch (error) {
    if (!signal?.aborted) log.warn(`guideline classification failed: ${messageOf(error)}`);
    return undefined;
  }
}
