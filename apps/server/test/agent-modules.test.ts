import { fileURLToPath } from 'node:url';
import { createConduct } from '@conduct/core';
import { defaultMatchers } from '@conduct/matchers';
import { describe, expect, it, vi } from 'vitest';
import {
  AGENT_SETUP_LOCK,
  createUnconfiguredModel,
  type Logger,
  loadAgentModules,
  silentLogger,
} from '../src/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const conduct = () => createConduct({ model: createUnconfiguredModel(), ...defaultMatchers() });

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

  it('runs the setups under the setup lock, and says why it waits for another instance', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const instance = conduct();
      const logged: string[] = [];
      const log: Logger = { ...silentLogger, info: (message) => logged.push(message) };
      let release!: () => void;
      let holding!: () => void;
      const held = new Promise<void>((resolve) => {
        holding = resolve;
      });
      const other = instance.store.sessionLocks.withSessionLock(AGENT_SETUP_LOCK, async () => {
        holding();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      });
      await held;
      const loading = loadAgentModules(instance, [fixture('one-agent.ts')], log);
      await vi.waitFor(() => expect(vi.getTimerCount()).toBe(1));
      await vi.advanceTimersByTimeAsync(2000);
      expect(logged).toEqual([
        'waiting for another instance to finish setting up its agent modules',
      ]);
      expect(await instance.store.agents.find('fixture-agent')).toBeUndefined();
      release();
      await Promise.all([other, loading]);
      expect(await instance.store.agents.find('fixture-agent')).toMatchObject({ name: 'Fixture' });
      expect(logged.slice(1)).toEqual([
        `loaded agent module ${fixture('one-agent.ts')}`,
        'fixture-agent: +1 agent',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
