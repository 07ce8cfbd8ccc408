import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type RunningServer, silentLogger, startServer } from '../../src/index.js';
import { conductCommand, FLUID_SUITE } from './suite-command.js';
import { voltmartSuiteModel } from './voltmart-suite-model.js';

// The same suite against the real service — what `pnpm start` runs, on a free port of
// 127.0.0.1 with the data in memory — through its REST API only (`conduct test --url`), as a
// deployment is checked. The service's model is the suite's scripted model; the judge and the
// simulated customer run in the command, with the same scripts.

describe("the example agent's suite against a running server", () => {
  let server: RunningServer;

  beforeAll(async () => {
    const config = loadConfig({
      PORT: '0',
      CONDUCT_DATA_DIR: 'memory://',
      OLLAMA_HOST: `127.0.0.1:${await closedPort()}`,
    });
    server = await startServer(config, { log: silentLogger, model: voltmartSuiteModel() });
    await server.classification;
  }, 180_000);
  afterAll(async () => {
    await server?.close();
  });

  it('passes by URL, as in process', async () => {
    const run = await conductCommand(
      ['test', ...FLUID_SUITE, '--url', server.url],
      voltmartSuiteModel(),
    );
    expect(run.stdout).toContain(`Scenarios on ${server.url}`);
    expect(run.stdout).toContain('7 scenarios: 7 passed, 0 failed · 11/11 runs passed');
    expect(run.code).toBe(0);
  }, 180_000);
});

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}
