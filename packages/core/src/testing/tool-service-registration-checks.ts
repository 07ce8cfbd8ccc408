import { expect } from 'vitest';
import type { ToolServiceRegistrations } from '../tools/tool-service-directory.js';

/**
 * Conformance of a {@link ToolServiceRegistrations} implementation: call it in a test with a
 * fresh, empty instance. Checks listing order, replacement by name and deletion.
 */
export async function checkToolServiceRegistrations(
  registrations: ToolServiceRegistrations,
): Promise<void> {
  expect(await registrations.list()).toEqual([]);
  await registrations.put({ name: 'weather', kind: 'mcp', url: 'http://127.0.0.1:9000/mcp' });
  await registrations.put({
    name: 'orders',
    kind: 'openapi',
    url: 'http://127.0.0.1:9001/api',
    source: 'openapi: 3.0.3\ninfo: {title: Orders, version: "1"}\npaths: {}\n',
  });
  await registrations.put({ name: 'weather', kind: 'mcp', url: 'http://127.0.0.1:9002/mcp' });
  expect(await registrations.list()).toEqual([
    { name: 'weather', kind: 'mcp', url: 'http://127.0.0.1:9002/mcp' },
    {
      name: 'orders',
      kind: 'openapi',
      url: 'http://127.0.0.1:9001/api',
      source: 'openapi: 3.0.3\ninfo: {title: Orders, version: "1"}\npaths: {}\n',
    },
  ]);
  await registrations.delete('weather');
  await registrations.delete('unknown');
  expect((await registrations.list()).map((item) => item.name)).toEqual(['orders']);
}
