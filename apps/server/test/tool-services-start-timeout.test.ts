import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConduct, memoryToolServiceRegistrations } from '@conduct/core';
import { createScriptedModel, matchAllStrategy } from '@conduct/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../src/logger.js';
import { startToolServices } from '../src/tool-services.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function silentUrl(): Promise<string> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('startToolServices with a service that never answers', () => {
  it('resolves within the connect timeout, restoring the stored registrations in parallel', async () => {
    const url = await silentUrl();
    const registrations = memoryToolServiceRegistrations();
    for (const name of ['slow-a', 'slow-b', 'slow-c']) {
      await registrations.put({ name, kind: 'openapi', source: `${url}/${name}.json` });
    }
    const conduct = createConduct({
      model: createScriptedModel(),
      strategies: [matchAllStrategy()],
    });
    cleanups.push(() => conduct.close());
    const errors: string[] = [];
    const log: Logger = {
      info: () => {},
      warn: () => {},
      error: (message) => errors.push(message),
    };
    const started = Date.now();
    const result = await startToolServices({
      conduct,
      registrations,
      configured: [{ kind: 'openapi', name: 'configured-slow', source: `${url}/doc.json` }],
      log,
      connectTimeoutMs: 500,
    });
    cleanups.push(() => result.close());
    // Three stored and one configured service, each 500 ms: in parallel well under their sum.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(errors).toHaveLength(4);
    expect(result.directory.list()).toEqual([]);
  });
});
