import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Logger, loadConfig, type RunningServer, startServer } from '../src/index.js';
import { closedPort, request } from './http-client.js';

// The MCP server of the tool-services tests (built with the SDK's server API), over stdio.
const weatherServer = fileURLToPath(
  new URL('../../../packages/tool-services/test/fixtures/weather-mcp-server.mjs', import.meta.url),
);

describe('tool services from CONDUCT_TOOL_SERVICES', () => {
  let server: RunningServer;
  let dir: string;
  const messages: string[] = [];
  const log: Logger = {
    info: (message) => messages.push(message),
    warn: (message) => messages.push(message),
    error: (message) => messages.push(message),
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conduct-tool-services-'));
    const file = join(dir, 'tool-services.json');
    await writeFile(
      file,
      JSON.stringify({
        services: [
          {
            kind: 'mcp',
            name: 'weather',
            // Expanded from the environment by the server, as secrets in headers would be.
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the file's own placeholder syntax
            command: '${NODE_BINARY}',
            args: [weatherServer, 'stdio'],
            timeoutMs: 5000,
          },
          { kind: 'mcp', name: 'offline', url: `http://127.0.0.1:${await closedPort()}/mcp` },
        ],
      }),
    );
    process.env.NODE_BINARY = process.execPath;
    const config = loadConfig({
      PORT: '0',
      CONDUCT_DATA_DIR: 'memory://',
      OLLAMA_HOST: `127.0.0.1:${await closedPort()}`,
      CONDUCT_TOOL_SERVICES: file,
    });
    server = await startServer(config, { log, ollamaTimeoutMs: 500 });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    delete process.env.NODE_BINARY;
    await rm(dir, { recursive: true, force: true });
  });

  it('connects the configured MCP server, skips the unreachable one, and lists it under /services', async () => {
    expect(server.conduct.tools.has('weather:get_forecast')).toBe(true);
    expect(
      messages.some((message) =>
        message.includes('tool service offline (mcp) could not be connected'),
      ),
    ).toBe(true);
    const list = await request<{ name: string; kind: string }[]>(`${server.url}/services`);
    expect(list.body).toEqual([
      // The command line as the file writes it: a ${VAR} is not expanded (it may hold a secret).
      { name: 'weather', kind: 'mcp', url: `\${NODE_BINARY} ${weatherServer} stdio` },
    ]);
    const read = await request<{ tools: { name: string }[] }>(`${server.url}/services/weather`);
    expect(read.body.tools.map((tool) => tool.name)).toContain('get_forecast');
  });
});
