import { access } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import {
  type Conduct,
  ConfigurationError,
  describeAgentPlan,
  errorMessage,
  type GuidelineClassificationReport,
  type SyncPlan,
} from '@conduct/core';
import type { Logger } from './logger.js';

/**
 * The setup function an agent module exports as its default. It states what its agents are —
 * guidelines, journeys, tools, relationships… — through the code-first API. It runs at every
 * start inside `conduct.sync`, so the stored model becomes what it defines: reworded entities
 * are updated in place (identity: an `id`, else a title or name), what it no longer defines is
 * removed, and what was created over the API is left alone (docs/behavior-models.md):
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

/** Options of {@link loadAgentModules}. */
export interface LoadAgentModulesOptions {
  /** Log what the modules would change, and change nothing. */
  dryRun?: boolean;
}

/**
 * Imports each module, then runs their setups against `conduct`, in order, as one sync
 * (`conduct.sync`) while holding {@link AGENT_SETUP_LOCK}: instances starting together on one
 * database define the agents one after the other instead of racing. Logs one line per agent with
 * what changed (`voltmart-support: +2 guidelines; ~1 guideline changed; −1 term removed`) and
 * returns the plan (`undefined` without modules). A module that is missing, has no default setup
 * function or whose setup throws stops the start with a `ConfigurationError` naming the module,
 * and nothing any module defined is stored.
 */
export async function loadAgentModules(
  conduct: Conduct,
  paths: readonly string[],
  log: Logger,
  options: LoadAgentModulesOptions = {},
): Promise<SyncPlan | undefined> {
  const modules: { path: string; setup: AgentSetup }[] = [];
  for (const path of paths) modules.push({ path, setup: await importSetup(path) });
  if (modules.length === 0) return undefined;
  const notice = setTimeout(
    () => log.info('waiting for another instance to finish setting up its agent modules'),
    WAIT_NOTICE_MS,
  );
  let plan: SyncPlan;
  try {
    // Losing the lock midway (its connection broke) is harmless: the sync is one transaction,
    // and its writes survive racing another instance.
    plan = await conduct.store.sessionLocks.withSessionLock(AGENT_SETUP_LOCK, async () => {
      clearTimeout(notice);
      return conduct.sync(
        async (syncing) => {
          for (const { path, setup } of modules) {
            try {
              await setup(syncing);
            } catch (error) {
              throw new ConfigurationError(
                `Agent module ${path} failed in setup: ${errorMessage(error)}`,
                { cause: error },
              );
            }
            log.info(`loaded agent module ${path}`);
          }
        },
        { dryRun: options.dryRun === true },
      );
    });
  } finally {
    clearTimeout(notice);
  }
  logPlan(plan, log);
  return plan;
}

/** One line per agent, hints as warnings, and what cascades reached beyond the agents. */
function logPlan(plan: SyncPlan, log: Logger): void {
  const dry = plan.dryRun ? ' (dry run: nothing written)' : '';
  for (const agent of plan.agents) {
    log.info(`${describeAgentPlan(agent)}${dry}`);
    for (const hint of agent.hints) log.warn(hint);
  }
  if (plan.others.length > 0) {
    const what = plan.others.map((change) => `${change.change} ${change.kind} "${change.label}"`);
    log.info(`also changed by cascades (entities created over the API): ${what.join(', ')}${dry}`);
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
      `Agent module ${path} could not be loaded: ${errorMessage(error)}${hint}`,
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
 * Derives the routing facts of every guideline through `conduct.prepare()` (cached by content,
 * so only new or changed guidelines cost a model call; a guideline a turn is classifying is not
 * asked about twice). Never rejects: failures are logged, and unclassified guidelines still
 * work (they are routed without those facts).
 */
export async function classifyAllGuidelines(
  conduct: Pick<Conduct, 'prepare'>,
  log: Logger,
  signal?: AbortSignal,
): Promise<GuidelineClassificationReport | undefined> {
  try {
    const summary = await conduct.prepare(signal === undefined ? {} : { signal });
    const failed = summary.failed.length;
    log.info(
      `guideline classification: ${summary.classified.length} classified, ${summary.cached.length} cached${failed > 0 ? `, ${failed} failed (${summary.failed[0]?.error})` : ''}`,
    );
    return summary;
  } catch (error) {
    if (!signal?.aborted) log.warn(`guideline classification failed: ${errorMessage(error)}`);
    return undefined;
  }
}
