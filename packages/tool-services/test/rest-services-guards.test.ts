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
import {
  createOpenApiToolService,
  serviceHostPolicy,
  toolServiceForRegistration,
} from '../src/index.js';
import { ordersDocument } from './orders-api.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(policy: Parameters<typeof serviceHostPolicy>[0]) {
  const conduct = createConduct({ model: createScriptedModel(), strategies: [matchAllStrategy()] });
  const services = createToolServices({ registry: conduct.tools, connectTimeoutMs: 2000 });
  // A service from the server's file, added before the directory exists.
  await services.add(
    createOpenApiToolService({
      name: 'configured',
      source: ordersDocument,
      baseUrl: 'https://public.example/api',
    }),
  );
  const registrations = memoryToolServiceRegistrations();
  const toolServices = createToolServiceDirectory({
    services,
    registrations,
    connect: toolServiceForRegistration,
    checkRegistration: serviceHostPolicy(policy),
    fixed: ['configured'],
  });
  cleanups.push(
    () => conduct.close(),
    () => services.close(),
  );
  const app = createConductApp({ conduct: { ...conduct, toolServices } });
  const put = (name: string, body: unknown) =>
    app.request(`/services/${name}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { app, put, registrations, services };
}

describe('/services guards', () => {
  it('refuses a registration aimed at the metadata endpoint or a loopback host (422), storing nothing', async () => {
    const { put, registrations } = await setup({});
    const metadata = await put('meta', {
      kind: 'mcp',
      mcp: { url: 'http://169.254.169.254/latest/meta-data' },
    });
    expect(metadata.status).toBe(422);
    expect(await metadata.text()).toContain('link-local');
    const loopback = await put('local', { kind: 'mcp', mcp: { url: 'http://127.0.0.1:9/mcp' } });
    expect(loopback.status).toBe(422);
    expect(await loopback.text()).toContain('loopback');
    expect(await registrations.list()).toEqual([]);
  });

  it('answers 409 to PUT and DELETE of a service from the configured file, which keeps working', async () => {
    const { app, put, services } = await setup({ allowLoopback: true });
    const replaced = await put('configured', {
      kind: 'mcp',
      mcp: { url: 'http://127.0.0.1:9/mcp' },
    });
    expect(replaced.status).toBe(409);
    const deleted = await app.request('/services/configured', { method: 'DELETE' });
    expect(deleted.status).toBe(409);
    expect(services.get('configured')?.url).toBe('https://public.example/api');
  });

  it('does not echo the remote answer of a failed registration', async () => {
    const server = createServer((_, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('internal secret token=abc123');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as AddressInfo;
    const { put } = await setup({ allowLoopback: true });
    const response = await put('leaky', {
      kind: 'mcp',
      mcp: { url: `http://127.0.0.1:${port}/mcp` },
    });
    expect(response.status).toBe(422);
    const text = await response.text();
    expect(text).toContain('Could not read the tools of service');
    expect(text).not.toContain('abc123');
  });
});
