import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ScenarioFormatError, type ScenarioFormatIssue } from './format-error.js';
import { readScenarios } from './parse-yaml.js';
import type { Scenario } from './types.js';

const YAML_FILE = /\.ya?ml$/i;

/** Options of {@link loadScenarios}. */
export interface LoadScenariosOptions {
  /** File names in errors and reports are shown relative to this directory (default: as given). */
  relativeTo?: string;
}

/**
 * Reads every scenario of the given YAML files and directories (searched recursively for
 * `*.yaml` / `*.yml`, in name order).
 *
 * @throws ScenarioFormatError listing every problem of every file (a file that cannot be
 *   read, invalid YAML, a field that is not a scenario's, two scenarios with one name).
 */
export async function loadScenarios(
  paths: string | readonly string[],
  options: LoadScenariosOptions = {},
): Promise<Scenario[]> {
  const files = (
    await Promise.all((typeof paths === 'string' ? [paths] : paths).map(yamlFilesUnder))
  ).flat();
  const issues: ScenarioFormatIssue[] = [];
  const scenarios: Scenario[] = [];
  for (const path of files) {
    const file = options.relativeTo === undefined ? path : relative(options.relativeTo, path);
    const text = await readFile(path, 'utf8').catch((error: unknown) => {
      issues.push({ file, field: '', message: `cannot be read: ${String(error)}` });
      return undefined;
    });
    if (text === undefined) continue;
    const read = readScenarios(text, file);
    scenarios.push(...read.scenarios);
    issues.push(...read.issues);
  }
  issues.push(...duplicateNames(scenarios));
  if (issues.length > 0) throw new ScenarioFormatError(issues);
  return scenarios;
}

/** Two scenarios of a suite with one name: reports could not tell them apart. */
export function duplicateNames(scenarios: readonly Scenario[]): ScenarioFormatIssue[] {
  const first = new Map<string, Scenario>();
  const issues: ScenarioFormatIssue[] = [];
  for (const scenario of scenarios) {
    const earlier = first.get(scenario.name);
    if (earlier === undefined) {
      first.set(scenario.name, scenario);
      continue;
    }
    const where = earlier.source
      ? ` (first in ${earlier.source.file}${earlier.source.line ? `:${earlier.source.line}` : ''})`
      : '';
    issues.push({
      file: scenario.source?.file ?? '(code)',
      ...(scenario.source?.line === undefined ? {} : { line: scenario.source.line }),
      field: 'name',
      message: `another scenario is already named '${scenario.name}'${where}`,
    });
  }
  return issues;
}

async function yamlFilesUnder(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) {
    throw new ScenarioFormatError([
      { file: path, field: '', message: 'no such file or directory' },
    ]);
  }
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) =>
        entry.isDirectory()
          ? yamlFilesUnder(join(path, entry.name))
          : YAML_FILE.test(entry.name)
            ? [join(path, entry.name)]
            : [],
      ),
  );
  return nested.flat();
}
