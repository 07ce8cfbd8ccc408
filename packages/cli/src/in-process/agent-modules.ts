import { access } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Conduct } from '@conduct/core';
import { errorMessage } from '@conduct/core';
import { CliError } from '../exit-codes.js';

/** What an agent module exports: `export default async function setup(conduct) { … }`. */
type AgentSetup = (conduct: Conduct) => void | Promise<void>;

/**
 * The example agent bundled with this repository (Voltmart's support agent), when the command
 * runs from the repository; `undefined` in an installed copy.
 */
export async function bundledExampleModule(): Promise<string | undefined> {
  const here = dirname(fileURLToPath(import.meta.url));
  const path = resolve(here, '../../../../apps/server/agents/electronics-store/index.ts');
  try {
    await access(path);
    return path;
  } catch {
    return undefined;
  }
}

/**
 * Imports each agent module (`.ts` or `.js`, as the server's `CONDUCT_AGENTS` lists them) and
 * runs their setups against `conduct` as one sync, as the server does at start.
 *
 * @throws CliError naming the module that is missing, cannot load, exports no setup or fails.
 */
export async function loadAgentModules(input: {
  conduct: Conduct;
  paths: readonly string[];
  cwd: string;
}): Promise<void> {
  const setups: { path: string; setup: AgentSetup }[] = [];
  for (const given of input.paths) {
    const path = isAbsolute(given) ? given : resolve(input.cwd, given);
    setups.push({ path: given, setup: await importSetup(path, given) });
  }
  await input.conduct.sync(async (syncing) => {
    for (const { path, setup } of setups) {
      try {
        await setup(syncing);
      } catch (error) {
        throw new CliError(
          `Agent module ${path} failed in setup: ${errorMessage(error)}`,
          undefined,
          {
            cause: error,
          },
        );
      }
    }
  });
}

async function importSetup(path: string, given: string): Promise<AgentSetup> {
  try {
    await access(path);
  } catch {
    throw new CliError(`Agent module not found: ${given}`);
  }
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    throw new CliError(
      `Agent module ${given} could not be loaded: ${errorMessage(error)}`,
      undefined,
      {
        cause: error,
      },
    );
  }
  if (typeof loaded.default !== 'function') {
    throw new CliError(
      `Agent module ${given} has no default export to run: export default async function setup(conduct) { … }`,
    );
  }
  return loaded.default as AgentSetup;
}
