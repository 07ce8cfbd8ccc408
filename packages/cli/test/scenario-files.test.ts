import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarioFiles } from '../src/scenario-files.js';
import { PACKAGE_DIR } from './cli-harness.js';

describe('scenario files of a directory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conduct-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('skip node_modules and dot-folders, whose YAML is not the suite', async () => {
    await cp(
      join(PACKAGE_DIR, 'test/fixtures/shop-scenarios/orders.yaml'),
      join(dir, 'orders.yaml'),
    );
    for (const folder of ['node_modules/some-package', '.git']) {
      await mkdir(join(dir, folder), { recursive: true });
      await writeFile(join(dir, folder, 'config.yaml'), 'not: a scenario\n');
    }
    const scenarios = await loadScenarioFiles([dir], dir);
    expect(scenarios.length).toBeGreaterThan(0);
    expect(scenarios.map((scenario) => scenario.source?.file)).toEqual(
      scenarios.map(() => 'orders.yaml'),
    );
  });
});
