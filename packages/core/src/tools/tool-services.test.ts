import { describe, expect, it } from 'vitest';
import { checkToolServiceRegistrations } from '../testing/tool-service-registration-checks.js';
import { createToolRegistry } from './tool-registry.js';
import type { ToolService, ToolServiceTool } from './tool-service.js';
import { memoryToolServiceRegistrations } from './tool-service-directory.js';
import { createToolServices } from './tool-services.js';
import { validateToolCall } from './validate-call.js';

function fakeService(initial: ToolServiceTool[]) {
  let specs = initial;
  let changed: (() => void) | undefined;
  const calls: unknown[] = [];
  let closed = false;
  const service: ToolService = {
    name: 'weather',
    kind: 'mcp',
    url: 'http://127.0.0.1/mcp',
    listTools: async () => specs,
    callTool: async (call) => {
      calls.push(call.args);
      return { data: `called ${call.tool}` };
    },
    onToolsChanged: (listener) => {
      changed = listener;
      return () => {
        changed = undefined;
      };
    },
    close: async () => {
      closed = true;
    },
  };
  return {
    service,
    calls,
    isClosed: () => closed,
    announce(next: ToolServiceTool[]) {
      specs = next;
      changed?.();
    },
  };
}

const forecast: ToolServiceTool = {
  name: 'get/forecast',
  description: 'Forecast for a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
    required: ['city'],
  },
};

describe('createToolServices', () => {
  it('registers service tools as ordinary tools validated against the JSON Schema', async () => {
    const registry = createToolRegistry();
    const fake = fakeService([forecast]);
    const services = createToolServices({ registry, timeoutMs: 5000 });
    const summary = await services.add(fake.service);
    expect(summary.tools.map((tool) => tool.ref)).toEqual(['weather:get_forecast']);
    const tool = registry.get('weather:get_forecast');
    expect(tool?.timeoutMs).toBe(5000);
    expect(tool?.parametersJsonSchema).toEqual(forecast.inputSchema);
    const invalid = validateToolCall(tool!, { days: 0 });
    expect(invalid.ok).toBe(false);
    const valid = validateToolCall(tool!, { city: 'Oslo', days: 2 });
    expect(valid).toMatchObject({ ok: true, args: { city: 'Oslo', days: 2 } });
  });

  it('follows change announcements and removal', async () => {
    const registry = createToolRegistry();
    const fake = fakeService([forecast]);
    const services = createToolServices({ registry });
    await services.add(fake.service);
    fake.announce([{ name: 'alerts', inputSchema: { type: 'object', properties: {} } }]);
    await expect.poll(() => registry.has('weather:alerts')).toBe(true);
    expect(registry.has('weather:get_forecast')).toBe(false);
    expect(await services.remove('weather')).toBe(true);
    expect(registry.tools).toEqual([]);
    expect(fake.isClosed()).toBe(true);
  });

  it('reports a tool with an unusable schema and keeps the others', async () => {
    const registry = createToolRegistry();
    const errors: string[] = [];
    const fake = fakeService([forecast, { name: 'broken', inputSchema: { type: 'string' } }]);
    const services = createToolServices({
      registry,
      onError: (error) => errors.push(error.message),
    });
    await services.add(fake.service);
    expect(registry.tools.map((tool) => tool.ref)).toEqual(['weather:get_forecast']);
    expect(errors.join()).toContain('broken');
  });
});

describe('memoryToolServiceRegistrations', () => {
  it('passes the registration conformance checks', async () => {
    await checkToolServiceRegistrations(memoryToolServiceRegistrations());
  });
});
