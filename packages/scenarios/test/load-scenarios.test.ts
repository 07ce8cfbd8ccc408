import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScenarioFormatError } from '../src/scenario/format-error.js';
import { loadScenarios } from '../src/scenario/load-scenarios.js';

describe('loadScenarios', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scenarios-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('reads every YAML file under a directory, in name order, named relative to a root', async () => {
    await mkdir(join(dir, 'nested'));
    await writeFile(join(dir, 'b.yaml'), 'name: B\nagent: a\nturns: [{ customer: hi }]\n');
    await writeFile(join(dir, 'nested', 'a.yml'), 'name: A\nagent: a\nturns: [{ customer: hi }]\n');
    await writeFile(join(dir, 'notes.md'), '# not a scenario');
    const scenarios = await loadScenarios(dir, { relativeTo: dir });
    expect(scenarios.map((s) => [s.name, s.source?.file])).toEqual([
      ['B', 'b.yaml'],
      ['A', join('nested', 'a.yml')],
    ]);
  });

  it('reports every file’s problems at once, and two scenarios with one name', async () => {
    await writeFile(join(dir, 'a.yaml'), 'name: Same\nagent: a\nturns: [{ customer: hi }]\n');
    await writeFile(
      join(dir, 'b.yaml'),
      'name: Same\nagent: a\nturns: [{ customer: hi }]\n---\nname: X\n',
    );
    const error = await loadScenarios(dir, { relativeTo: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioFormatError);
    expect((error as ScenarioFormatError).message).toBe(
      [
        'Scenario file has 3 problems:',
        '  b.yaml:5:1 agent: missing (a string is required)',
        '  b.yaml:5:1: a scenario has either `turns` (scripted customer) or `simulate`, not both',
        "  b.yaml:1 name: another scenario is already named 'Same' (first in a.yaml:1)",
      ].join('\n'),
    );
  });

  it('says when a path does not exist', async () => {
    await expect(loadScenarios(join(dir, 'missing'))).rejects.toThrow('no such file or directory');
  });
});
