import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage } from '@conduct/core';
import { loadScenarios, type Scenario } from '@conduct/scenarios';
import { CliError } from './exit-codes.js';

const YAML = new Set(['.yaml', '.yml']);
const MODULE = new Set(['.ts', '.mts', '.js', '.mjs']);
/** In a directory, only these modules are scenario files (others may be helpers). */
const SCENARIO_MODULE = /\.scenarios?\.(ts|mts|js|mjs)$/;

/**
 * Every scenario of the given paths: YAML files (`.yaml`, `.yml`), TypeScript or JavaScript
 * modules whose default export is a scenario, a builder or a list of them, and directories
 * (searched recursively for YAML files and `*.scenario.ts` / `*.scenarios.ts` modules).
 *
 * @throws CliError for a path that does not exist or is not a scenario file;
 *   ScenarioFormatError (from the YAML loader) listing every problem of the YAML files.
 */
export async function loadScenarioFiles(
  paths: readonly string[],
  cwd: string,
): Promise<Scenario[]> {
  const yaml: string[] = [];
  const modules: string[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) throw new CliError(`No such file or directory: ${given}`);
    if (info.isDirectory()) {
      const found = await scenarioFilesUnder(path);
      yaml.push(...found.yaml);
      modules.push(...found.modules);
      continue;
    }
    const extension = extname(path).toLowerCase();
    if (YAML.has(extension)) yaml.push(path);
    else if (MODULE.has(extension)) modules.push(path);
    else throw new CliError(`Not a scenario file (YAML, TypeScript or JavaScript): ${given}`);
  }
  const scenarios = yaml.length === 0 ? [] : await loadScenarios(yaml, { relativeTo: cwd });
  for (const path of modules) scenarios.push(...(await importScenarios(path, relative(cwd, path))));
  return scenarios;
}

async function scenarioFilesUnder(dir: string): Promise<{ yaml: string[]; modules: string[] }> {
  const found = { yaml: [] as string[], modules: [] as string[] };
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const nested = await scenarioFilesUnder(path);
      found.yaml.push(...nested.yaml);
      found.modules.push(...nested.modules);
    } else if (YAML.has(extname(entry.name).toLowerCase())) found.yaml.push(path);
    else if (SCENARIO_MODULE.test(entry.name)) found.modules.push(path);
  }
  return found;
}

async function importScenarios(path: string, shown: string): Promise<Scenario[]> {
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    throw new CliError(`${shown} could not be loaded: ${errorMessage(error)}`);
  }
  const exported = loaded.default;
  const items = Array.isArray(exported) ? exported : [exported];
  return items.map((item, index) => {
    const built =
      item !== null &&
      typeof item === 'object' &&
      typeof (item as { build?: unknown }).build === 'function'
        ? (item as { build(): unknown }).build()
        : item;
    const candidate = built as Partial<Scenario> | undefined;
    if (typeof candidate?.name !== 'string' || typeof candidate.agent !== 'string') {
      const which = Array.isArray(exported) ? ` (item ${index + 1})` : '';
      throw new CliError(
        `${shown}${which}: the default export must be a scenario (defineScenario({...}) or scenario(…).build()) or a list of them`,
      );
    }
    return { ...(candidate as Scenario), source: candidate.source ?? { file: shown } };
  });
}
