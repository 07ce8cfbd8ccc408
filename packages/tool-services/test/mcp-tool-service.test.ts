import type { ChildProcess } from 'node:child_process';
import { validateToolCall } from '@conduct/core/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { createMcpToolService } from '../src/index.js';
import {
  callTool,
  createToolRegistry,
  createToolServices,
  freePort,
  kill,
  startHttpServer,
  weatherServerScript,
} from './mcp-fixture.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(service: ReturnType<typeof createMcpToolService>, timeoutMs = 5_000) {
  const registry = createToolRegistry();
  const services = createToolServices({ registry, timeoutMs });
  cleanups.push(() => services.close());
  return { registry, services, add: () => services.add(service) };
}

function pidOf(outcome: Awaited<ReturnType<typeof callTool>>): number {
  expect(outcome.status, outcome.error).toBe('succeeded');
  return (outcome.result?.data as { pid: number } | undefined)?.pid ?? Number.NaN;
}

describe('MCP tool service over stdio', () => {
  const stdio = () =>
    createMcpToolService({
      name: 'weather',
      command: process.execPath,
      args: [weatherServerScript, 'stdio'],
      stderr: 'ignore',
    });

  it('registers the server tools, validates arguments against their schema and calls them', async () => {
    const { registry, add } = setup(stdio());
    const summary = await add();
    expect(summary.tools.map((tool) => tool.ref).sort()).toEqual([
      'weather:add_alerts_tool',
      'weather:fail',
      'weather:get_forecast',
      'weather:slow',
    ]);
    const forecast = registry.get('weather:get_forecast')!;
    expect(validateToolCall(forecast, { city: 'Oslo', days: 9 }).ok).toBe(false);
    expect(validateToolCall(forecast, {}).ok).toBe(false);
    const outcome = await callTool(registry, 'weather:get_forecast', { city: 'Oslo', days: 2 });
    expect(outcome.result?.data).toMatchObject({ city: 'Oslo', days: 2, sky: 'sunny' });
  });

  it('fails a call with the server error message, and on timeout', async () => {
    const { registry, services } = setup(stdio());
    await services.add(stdio(), { timeoutMs: 300 });
    const failed = await callTool(registry, 'weather:fail', {});
    expect(failed).toMatchObject({ status: 'failed', error: 'the weather station is down' });
    const slow = await callTool(registry, 'weather:slow', {});
    expect(slow.status).toBe('failed');
    expect(slow.error).toMatch(/timed out/);
  });

  it('restarts a crashed server on the next call', async () => {
    const { registry, add } = setup(stdio());
    await add();
    const first = pidOf(await callTool(registry, 'weather:get_forecast', { city: 'Oslo' }));
    process.kill(first, 'SIGKILL');
    await expect
      .poll(async () => {
        const outcome = await callTool(registry, 'weather:get_forecast', { city: 'Oslo' });
        return outcome.status === 'succeeded' ? pidOf(outcome) : undefined;
      })
      .toSatisfy((pid) => typeof pid === 'number' && pid !== first);
  });

  it('refreshes the tools when the server announces a change', async () => {
    const { registry, add } = setup(stdio());
    await add();
    expect(registry.has('weather:alerts')).toBe(false);
    await callTool(registry, 'weather:add_alerts_tool', {});
    await expect.poll(() => registry.has('weather:alerts')).toBe(true);
    const alerts = await callTool(registry, 'weather:alerts', { region: 'north' });
    expect(alerts.result?.data).toBe('no alerts in north');
  });
});

describe('MCP tool service over streamable HTTP', () => {
  async function httpServer() {
    const port = await freePort();
    let child: ChildProcess = await startHttpServer(port);
    cleanups.push(() => kill(child));
    return {
      url: `http://127.0.0.1:${port}/mcp`,
      stop: () => kill(child),
      async restart() {
        await kill(child);
        child = await startHttpServer(port);
      },
    };
  }

  it('calls tools, and reconnects after the server restarted (stale session)', async () => {
    const server = await httpServer();
    const { registry, add } = setup(createMcpToolService({ name: 'weather', url: server.url }));
    await add();
    const first = pidOf(await callTool(registry, 'weather:get_forecast', { city: 'Rome' }));
    await server.restart();
    const second = pidOf(await callTool(registry, 'weather:get_forecast', { city: 'Rome' }));
    expect(second).not.toBe(first);
  });

  it('fails calls while the server is down and works again once it is back', async () => {
    const server = await httpServer();
    const { registry, add } = setup(createMcpToolService({ name: 'weather', url: server.url }));
    await add();
    await server.stop();
    const down = await callTool(registry, 'weather:get_forecast', { city: 'Rome' });
    expect(down.status).toBe('failed');
    await server.restart();
    const up = await callTool(registry, 'weather:get_forecast', { city: 'Rome' });
    expect(up.result?.data).toMatchObject({ city: 'Rome' });
  });

  it('refreshes the tools on a list_changed notification', async () => {
    const server = await httpServer();
    const { registry, add } = setup(createMcpToolService({ name: 'weather', url: server.url }));
    await add();
    await callTool(registry, 'weather:add_alerts_tool', {});
    await expect.poll(() => registry.has('weather:alerts')).toBe(true);
  });
});
