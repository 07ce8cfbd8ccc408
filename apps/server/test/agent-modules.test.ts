import { fileURLToPath } from 'node:url';
import { createConduct } from '@conduct/core';
import { defaultStrategies } from '@conduct/matchers';
import { describe, expect, it } from 'vitest';
import { createUnconfiguredModel, loadAgentModules, silentLogger } from '../src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const conduct = () =>
  createConduct({ model: createUnconfiguredModel(), strategies: defaultStrategies() });

describe('loadAgentModules', () => {
  it('names a module that does not exist', async () => {
    await expect(loadAgentModules(conduct(), ['/nowhere/agent.ts'], silentLogger)).rejects.toThrow(
      'Agent module not found: /nowhere/agent.ts (check CONDUCT_AGENTS)',
    );
  });

  it('says what to export when there is no default setup function', async () => {
    const path = fixture('no-default-export.ts');
    await expect(loadAgentModules(conduct(), [path], silentLogger)).rejects.toThrow(
      `Agent module ${path} has no default export to run: export default async function setup(conduct)`,
    );
  });

  it('names the module whose setup failed', async () => {
    const path = fixture('failing-setup.ts');
    await expect(loadAgentModules(conduct(), [path], silentLogger)).rejects.toThrow(
      `Agent module ${path} failed in setup: the agent needs ACME_API_URL`,
    );
  });

  it('says where agent modules can import the packages from', async () => {
    const path = fixture('missing-import.ts');
    await expect(loadAgentModules(conduct(), [path], silentLogger)).rejects.toThrow(
      /could not be loaded: .*@conduct\/no-such-package.*keep them under apps\/server\/agents\//s,
    );
  });
});
