import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE } from '../src/data-dir-lock.js';
import { loadConfig, silentLogger, startServer } from '../src/index.js';
import { closedPort } from './http-client.js';

const pingDocument = {
  openapi: '3.0.0',
  info: { title: 'ping', version: '1' },
  servers: [{ url: 'http://127.0.0.1:9' }],
  paths: {
    '/ping': { get: { operationId: 'ping', responses: { '200': { description: 'ok' } } } },
  },
};

describe('server shutdown', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('closes the tool services and releases the data directory even when the engine close fails', async () => {
    dir = await mkdtemp(join(tmpdir(), 'conduct-shutdown-'));
    const file = join(dir, 'tool-services.json');
    await writeFile(
      file,
      JSON.stringify({
        services: [{ kind: 'openapi', name: 'pinger', source: JSON.stringify(pingDocument) }],
      }),
    );
    const dataDir = join(dir, 'data');
    const config = loadConfig({
      PORT: '0',
      CONDUCT_DATA_DIR: dataDir,
      OLLAMA_HOST: `127.0.0.1:${await closedPort()}`,
      CONDUCT_TOOL_SERVICES: file,
    });
    const running = await startServer(config, { log: silentLogger, ollamaTimeoutMs: 500 });
    expect(running.conduct.tools.has('pinger:ping')).toBe(true);
    await stat(join(dataDir, LOCK_FILE));
    const failure = new Error('engine close failed');
    const close = running.conduct.close.bind(running.conduct);
    vi.spyOn(running.conduct, 'close').mockImplementation(async () => {
      await close();
      throw failure;
    });
    await expect(running.close()).rejects.toBe(failure);
    expect(running.conduct.tools.has('pinger:ping')).toBe(false);
    await expect(stat(join(dataDir, LOCK_FILE))).rejects.toThrow();
  }, 60_000);
});
