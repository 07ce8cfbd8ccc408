import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createConduct,
  createToolServiceDirectory,
  createToolServices,
  memoryToolServiceRegistrations,
} from '@conduct/core';
import { createScriptedModel, matchAllStrategy } from '@conduct/core/testing';
import { createConductApp } from '@conduct/http';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenApiToolService, toolServiceForRegistration } from '../src/index.js';
import { startSilentServer } from './silent-server.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('connect timeout of tool services', () => {
  it('answers PUT /services with 422 when the OpenAPI source never answers', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const conduct = createConduct({
      model: createScriptedModel(),
      strategies: [matchAllStrategy()],
    });
    const services = createToolServices({ registry: conduct.tools, connectTimeoutMs: 300 });
    const registrations = memoryToolServiceRegistrations();
    const toolServices = createToolServiceDirectory({
      services,
      registrations,
      connect: toolServiceForRegistration,
    });
    cleanups.push(
      () => conduct.close(),
      () => services.close(),
    );
    const app = createConductApp({
      conduct: { ...conduct, toolServices },
    });
    const started = Date.now();
    const response = await app.request('/services/slow', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'openapi',
        openapi: { url: `${silent.url}/api`, source: `${silent.url}/openapi.json` },
      }),
    });
    expect(response.status).toBe(422);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await registrations.list()).toEqual([]);
    expect(services.list()).toEqual([]);
  });

  it('refuses an OpenAPI document larger than the cap', async () => {
    const big = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"openapi":"3.0.0","x":"${'a'.repeat(4096)}"}`);
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => big.close(resolve)));
    const { port } = big.address() as AddressInfo;
    const service = createOpenApiToolService({
      name: 'big',
      source: `http://127.0.0.1:${port}/openapi.json`,
      baseUrl: `http://127.0.0.1:${port}/api`,
      maxDocumentBytes: 1024,
    });
    await expect(service.listTools()).rejects.toThrow(/larger than 1024 bytes/);
  });
});
