import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Logger, loadConfig, startServer } from '../src/index.js';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai.js';
import { closedPort, longPollTurn, request, startConversation } from './http-client.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** A logger that keeps every line, by level. */
function recordingLogger() {
  const lines = { info: [] as string[], warn: [] as string[], error: [] as string[] };
  const log: Logger = {
    info: (message) => lines.info.push(message),
    warn: (message) => lines.warn.push(message),
    error: (message) => lines.error.push(message),
  };
  return { log, lines };
}

describe('agents whose module is not loaded, or whose tools nothing registers', () => {
  let fake: FakeOpenAI;
  let dataDir: string;
  let ollama: string;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    dataDir = await mkdtemp(join(tmpdir(), 'conduct-orphans-'));
    ollama = `127.0.0.1:${await closedPort()}`;
  });
  afterAll(async () => {
    await fake?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const configWith = (env: Record<string, string>) =>
    loadConfig({
      PORT: '0',
      CONDUCT_DATA_DIR: dataDir,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.url,
      OLLAMA_HOST: ollama,
      ...env,
    });

  it('an agent from an earlier start whose module is gone is reported, and read-only by default', async () => {
    const first = await startServer(configWith({ CONDUCT_AGENTS: fixture('versioned-agent.ts') }), {
      log: recordingLogger().log,
    });
    let sessionId: string;
    try {
      const session = await request<{ id: string }>(`${first.url}/sessions`, 'POST', {
        agent_id: 'shop',
      });
      sessionId = session.body.id;
    } finally {
      await first.close();
    }

    const { log, lines } = recordingLogger();
    const second = await startServer(configWith({ CONDUCT_AGENTS: fixture('one-agent.ts') }), {
      log,
    });
    try {
      expect(lines.warn).toContainEqual(
        'agent shop (Shopkeeper) is out of service: its agent module is not loaded (a module defined it on an earlier start). It is read-only: its sessions stay readable, new sessions and customer messages are refused (CONDUCT_ORPHAN_AGENTS=read-only). Load its module with CONDUCT_AGENTS, or delete the agent (DELETE /agents/shop)',
      );
      // Not listed like the agents that are served.
      expect(lines.info.some((line) => line.startsWith('agent shop'))).toBe(false);
      expect(lines.info).toContain('agent fixture-agent (Fixture): 0 guidelines');
      expect((await request(`${second.url}/sessions/${sessionId}`)).status).toBe(200);
      const posted = await request<{ detail: string }>(
        `${second.url}/sessions/${sessionId}/events`,
        'POST',
        { kind: 'message', source: 'customer', message: 'I want a refund' },
      );
      expect(posted.status).toBe(409);
      expect(posted.body.detail).toContain(
        "Agent 'shop' is read-only: its agent module is not loaded",
      );
      const created = await request(`${second.url}/sessions`, 'POST', { agent_id: 'shop' });
      expect(created.status).toBe(409);
      // Its model stays as it was: a module that is not loaded removes nothing.
      expect((await second.conduct.store.guidelines.list()).length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  }, 60_000);

  it('a turn that meets a tool nothing registers says so on the console', async () => {
    const { log, lines } = recordingLogger();
    const server = await startServer(
      configWith({ CONDUCT_AGENTS: fixture('missing-tool.ts'), CONDUCT_ORPHAN_AGENTS: 'serve' }),
      { log },
    );
    try {
      expect(lines.warn).toContainEqual(
        expect.stringContaining(
          'agent tooless (Tooless) is out of service: it names tools no module registers: local:order_lookup. It is served anyway',
        ),
      );
      const started = await startConversation(server.url, 'tooless', 'Where is my order VM-1?');
      await longPollTurn(server.url, started.sessionId, started.customerEvent.offset + 1);
      expect(lines.error).toContain(
        `session ${started.sessionId}: Guideline 'tooless-orders' names tool 'local:order_lookup', which is not registered: it could not run (register it with a module, or remove it from there)`,
      );
    } finally {
      await server.close();
    }
  }, 60_000);
});
