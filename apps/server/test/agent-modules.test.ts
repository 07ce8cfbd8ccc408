import { fileURLToPath } from 'node:url';
import { createConduct, type GuidelineClassifier, guidelineContentHash } from '@conduct/core';
import { createScriptedModel, matchAllStrategy } from '@conduct/core/testing';
import { defaultMatchers } from '@conduct/matchers';
import { describe, expect, it, vi } from 'vitest';
import {
  AGENT_SETUP_LOCK,
  classifyAllGuidelines,
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

describe('classifyAllGuidelines', () => {
  it('goes through conduct.prepare(): a guideline a turn is classifying is not classified again', async () => {
    const asked: string[][] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const turnClassifying = new Promise<void>((resolve) => {
      started = resolve;
    });
    const classifier: GuidelineClassifier = {
      needsClassification: (guideline) =>
        guideline.action !== null &&
        guideline.classification?.contentHash !== guidelineContentHash(guideline),
      async classify({ store, guidelines = [] }) {
        const pending = guidelines.filter((g) => classifier.needsClassification(g));
        asked.push(pending.map((g) => g.condition));
        started();
        await released;
        for (const guideline of pending) {
          await store.guidelines.update(guideline.id, {
            classification: {
              customerDependent: false,
              continuous: false,
              contentHash: guidelineContentHash(guideline),
              source: 'model',
            },
          });
        }
        return { classified: pending.map((g) => g.id), cached: [], failed: [] };
      },
    };
    const classified = createConduct({
      model: createScriptedModel().on('compose', 'Sure.'),
      strategies: [matchAllStrategy()],
      guidelineClassifier: classifier,
    });
    const agent = await classified.agents.create({ id: 'support', name: 'Ava' });
    await agent.guidelines.create({ condition: 'the customer is upset', action: 'stay calm' });
    const session = await agent.createSession();
    const { turn } = await classified.engine.postCustomerMessage(session.id, { message: 'hi' });
    expect((await turn).status).toBe('answered');
    await turnClassifying;

    const lines: string[] = [];
    const log: Logger = { ...silentLogger, info: (line) => lines.push(line) };
    const preparing = classifyAllGuidelines(classified, log);
    release();
    expect((await preparing)?.cached).toHaveLength(1);
    expect(asked).toEqual([['the customer is upset']]);
    expect(lines).toEqual(['guideline classification: 0 classified, 1 cached']);
    await classified.close();
  });
});
