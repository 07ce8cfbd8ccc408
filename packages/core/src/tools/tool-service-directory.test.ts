import { describe, expect, it } from 'vitest';
import { createToolRegistry } from './tool-registry.js';
import type { ToolService } from './tool-service.js';
import {
  createToolServiceDirectory,
  memoryToolServiceRegistrations,
  type ToolServiceRegistration,
} from './tool-service-directory.js';
import { createToolServices } from './tool-services.js';

/** A service whose one tool is named after the registration's URL; `down` URLs cannot be read. */
function connect(registration: ToolServiceRegistration): ToolService {
  const url = registration.url ?? '';
  return {
    name: registration.name,
    kind: registration.kind,
    url,
    listTools: async () => {
      if (url.includes('down')) throw new Error(`cannot reach ${url}`);
      return [{ name: `tool_${new URL(url).port}`, inputSchema: { type: 'object' } }];
    },
    callTool: async () => ({ data: null }),
    close: async () => {},
  };
}

function directoryOver(registrations = memoryToolServiceRegistrations()) {
  const registry = createToolRegistry();
  const services = createToolServices({ registry });
  return {
    registry,
    registrations,
    directory: createToolServiceDirectory({ services, connect, registrations }),
  };
}

describe('createToolServiceDirectory', () => {
  it('stores what it registered and connects it again at the next start', async () => {
    const first = directoryOver();
    await first.directory.register({
      name: 'weather',
      kind: 'mcp',
      url: 'http://127.0.0.1:9001/mcp',
    });
    expect(first.registry.has('weather:tool_9001')).toBe(true);
    const second = directoryOver(first.registrations);
    expect(await second.directory.restore()).toEqual([]);
    expect(second.registry.has('weather:tool_9001')).toBe(true);
    expect(second.directory.list().map((item) => item.name)).toEqual(['weather']);
  });

  it('neither adds nor stores a service it cannot read, and keeps a stored one that fails at start', async () => {
    const { directory, registrations, registry } = directoryOver();
    await expect(
      directory.register({ name: 'weather', kind: 'mcp', url: 'http://down:9/mcp' }),
    ).rejects.toThrow(/cannot reach/);
    expect(await registrations.list()).toEqual([]);
    await registrations.put({ name: 'later', kind: 'mcp', url: 'http://down:9/mcp' });
    const failed = await directory.restore();
    expect(failed.map((item) => [item.name, item.error.message])).toEqual([
      ['later', 'cannot reach http://down:9/mcp'],
    ]);
    expect(await registrations.list()).toHaveLength(1);
    expect(registry.tools).toEqual([]);
    expect(await directory.remove('later')).toBe(true);
    expect(await registrations.list()).toEqual([]);
    expect(await directory.remove('later')).toBe(false);
  });
});
